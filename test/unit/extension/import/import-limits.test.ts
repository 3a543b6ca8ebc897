/**
 * Crafted files must not hang the options page (SECURITY #36): the number of password slots and
 * key records a passphrase is tried on, what scrypt may be asked, the number of accounts and the
 * length of their names are bounded, each refusal with its own code (a sentence on the page).
 */
import { describe, expect, test } from 'vitest';
import { MAX_IMPORT_ACCOUNTS, MAX_KEY_SLOTS } from '../../../../extension/import/import-limits';
import { MAX_NAME_LENGTH } from '../../../../extension/otp/max-name-length';
import {
  ACCOUNTS,
  aegisContent,
  aegisEncrypted,
  aegisPlain,
  authenticatorPlain,
  authenticatorV3,
  base32,
  errorCode,
  expectSameAccounts,
  readLocked,
  readPlain,
} from './import-fixtures';

const [FIRST] = ACCOUNTS;
if (FIRST === undefined) throw new Error('fixtures');
const line = (issuer: string, label = 'balie') =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${label}?secret=${base32(FIRST.secret)}&issuer=${encodeURIComponent(issuer)}`;
const lines = (count: number) => Array.from({ length: count }, (_, i) => line(`Dienst ${i}`)).join('\n');

describe('password slots and key records', () => {
  test(`Aegis: more than ${MAX_KEY_SLOTS} password slots is refused before a password is asked; a file with ${MAX_KEY_SLOTS} opens`, async () => {
    const file = aegisEncrypted('pw');
    const [slot] = file.header.slots;
    const slots = (count: number) => ({
      ...file,
      header: { ...file.header, slots: Array(count).fill(slot) },
    });
    expect(await errorCode(readPlain(slots(MAX_KEY_SLOTS + 1)))).toBe('too-many-keys');
    expectSameAccounts((await (await readLocked(slots(MAX_KEY_SLOTS), 'aegis'))('pw')).accounts, ACCOUNTS);
    // Biometric slots (type 2) are never tried, so they do not count.
    const biometric = { ...slot, type: 2 };
    const withBiometric = {
      ...file,
      header: { ...file.header, slots: [...Array(MAX_KEY_SLOTS + 1).fill(biometric), slot] },
    };
    expectSameAccounts((await (await readLocked(withBiometric, 'aegis'))('pw')).accounts, ACCOUNTS);
  });

  test.each([
    [0, 'p = 2', { p: 2 }],
    [1, 'p = 16', { p: 16 }],
    [2, 'N = 2^18 (256 MiB)', { n: 2 ** 18 }],
    [3, 'N × r over 128 MiB', { n: 2 ** 16, r: 32 }],
  ])('case %i: Aegis asking scrypt for %s is refused unrun', async (_i, _what, cost) => {
    const file = aegisEncrypted('pw');
    const [slot] = file.header.slots;
    const costly = { ...file, header: { ...file.header, slots: [{ ...slot, ...cost }] } };
    // Run, it would end in a wrong password (the slot was sealed at p = 1, N = 2^15), after seconds.
    expect(await errorCode((await readLocked(costly, 'aegis'))('pw'))).toBe('damaged');
  });

  test(`the Authenticator extension (v3): more than ${MAX_KEY_SLOTS} key records in use is refused before a passphrase is asked`, async () => {
    const file = await authenticatorV3('wachtwoord', ACCOUNTS.slice(0, 1));
    const [keyId, key] =
      Object.entries(file).find(([, v]) => (v as { dataType: string }).dataType === 'Key') ?? [];
    const [, entry] =
      Object.entries(file).find(([, v]) => (v as { dataType: string }).dataType === 'EncOTPStorage') ?? [];
    const crafted: Record<string, unknown> = { ...file };
    for (let i = 1; i <= MAX_KEY_SLOTS; i++) {
      const id = `${keyId}-${i}`;
      crafted[id] = { ...(key as object), id };
      crafted[`entry-${i}`] = { ...(entry as object), keyId: id };
    }
    expect(await errorCode(readPlain(crafted))).toBe('too-many-keys');
  });
});

describe('accounts and their names', () => {
  test(`${MAX_IMPORT_ACCOUNTS} accounts are read; one more is refused as a whole, in any format`, async () => {
    expect((await readPlain(lines(MAX_IMPORT_ACCOUNTS))).accounts).toHaveLength(MAX_IMPORT_ACCOUNTS);
    expect(await errorCode(readPlain(lines(MAX_IMPORT_ACCOUNTS + 1)))).toBe('too-many-accounts');
    const many = Array.from({ length: MAX_IMPORT_ACCOUNTS + 1 }, (_, i) => ({ ...FIRST, issuer: `D${i}` }));
    expect(await errorCode(readPlain(authenticatorPlain(many)))).toBe('too-many-accounts');
    expect(await errorCode(readPlain(aegisPlain(many)))).toBe('too-many-accounts');
  }, 30_000);

  test(`a name longer than ${MAX_NAME_LENGTH} characters: that account is not imported, named (shortened) in the report; the others are`, async () => {
    const long = 'Zorgportaal '.repeat(20).slice(0, MAX_NAME_LENGTH + 1);
    const exact = 'x'.repeat(MAX_NAME_LENGTH);
    const result = await readPlain(
      [line('Mail'), line(long), line(exact), line('Bank', 'y'.repeat(5000))].join('\n'),
    );
    expect(result.accounts.map((a) => a.issuer)).toEqual(['Mail', exact]);
    expect(result.rejected.map((r) => r.reason)).toEqual(['name-too-long', 'name-too-long']);
    for (const { name } of result.rejected) expect(name.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(result.rejected[0]?.name.startsWith('Zorgportaal Zorgportaal')).toBe(true);
  });

  test('an encrypted file is held to the same limits once unlocked', async () => {
    const long = { ...FIRST, issuer: 'x'.repeat(MAX_NAME_LENGTH + 1) };
    const unlock = await readLocked(aegisEncrypted('pw', { version: 3, entries: [] }), 'aegis');
    expect((await unlock('pw')).accounts).toEqual([]);
    const withLong = await readLocked(aegisEncrypted('pw', aegisContent([FIRST, long])), 'aegis');
    const result = await withLong('pw');
    expect(result.accounts).toHaveLength(1);
    expect(result.rejected).toEqual([{ name: expect.any(String), reason: 'name-too-long' }]);
  });
});
