import { describe, expect, it } from 'vitest';
import { readAccountPayload } from '../../../../extension/vault/account-payload';
import { VaultFormatError } from '../../../../extension/vault/vault-errors';

/** A payload as the vault writes it (docs/vault.md, "Store accounts"). */
const GOOD = {
  type: 'totp',
  period: 30,
  secret: 'SGVsbG8hIFdvcmxkIQ==',
  algorithm: 'SHA1',
  digits: 6,
  issuer: 'Portaal',
  label: 'balie',
  name: '',
  pinned: false,
  createdAt: 1,
  origins: ['https://portaal.example.nl'],
};

describe('reading an account payload', () => {
  it('reads a well-formed one, websites included', () => {
    const account = readAccountPayload(GOOD, 'id-1', 3);
    expect(account).toMatchObject({ id: 'id-1', order: 3, type: 'totp', period: 30, origins: GOOD.origins });
    expect(account.secret).toHaveLength(13);
  });

  // Authenticated but malformed: only a bug or a newer writer makes that, never a wrong code.
  it.each([
    ['a secret that is not base64', { secret: '***' }],
    ['a secret that is no string', { secret: 12 }],
    ['an unknown algorithm', { algorithm: 'MD5' }],
    ['digits as text', { digits: '6' }],
    ['no period', { period: undefined }],
    ['an unknown type', { type: 'motp' }],
    ['websites that are no list', { origins: 'https://portaal.example.nl' }],
    ['a website with a path', { origins: ['https://portaal.example.nl/login'] }],
    ['a website that is no string', { origins: [1] }],
    ['websites null', { origins: null }],
  ])('refuses %s as a format error naming the record', (_what, change) => {
    expect(() => readAccountPayload({ ...GOOD, ...change }, 'id-2', 0)).toThrow(VaultFormatError);
    expect(() => readAccountPayload({ ...GOOD, ...change }, 'id-2', 0)).toThrow(/id-2/);
  });
});
