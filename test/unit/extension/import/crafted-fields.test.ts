/**
 * A crafted field must not hang the options page (and with it the popup: the extension's pages
 * share one renderer thread). Before, a run of `=` that did not end a secret or a base64 field
 * (`replace(/=+$/, '')`) and an otpauth URI that did not match (an ambiguous pattern) took time
 * quadratic in their length: 200,000 characters cost the better part of a minute. Now secrets and
 * URIs are bounded before any pattern runs, and padding is stripped by a loop. The outcome is
 * asserted, not the time: each test's own timeout (5 s) is what fails the old code.
 */
import { describe, expect, test } from 'vitest';
import { base64ToBytesLenient } from '../../../../extension/import/bytes';
import { ACCOUNTS, authenticatorEntry, base32, errorCode, readLocked, readPlain } from './import-fixtures';

const REDOS_TIMEOUT_MS = 5_000;

/** 200,000 `=` and then a letter: the slowest case for `/=+$/`. */
const CRAFTED_SECRET = `${'='.repeat(200_000)}A`;
/** An otpauth line that cannot match its pattern: a line separator in the fragment. */
const CRAFTED_URI = `otpauth://totp${'a'.repeat(160_000)}#\u2028x`;

const [FIRST] = ACCOUNTS;
if (FIRST === undefined) throw new Error('fixtures');

const bitwarden = (totp: string) => ({
  encrypted: false,
  items: [{ id: '1', type: 1, name: 'Dienst', login: { username: 'iemand', totp } }],
});

describe('crafted fields are read at once', () => {
  test.each([
    ['Bitwarden, a bare secret', bitwarden(CRAFTED_SECRET), 'Dienst (iemand)', 'bad-secret'],
    [
      'Bitwarden, an otpauth URI',
      bitwarden(`otpauth://totp/x?secret=${CRAFTED_SECRET}`),
      'Dienst (iemand)',
      'bad-entry',
    ],
    [
      'the Authenticator extension',
      { a: { ...authenticatorEntry(FIRST, 0), secret: CRAFTED_SECRET } },
      `${FIRST.issuer} (${FIRST.label})`,
      'bad-secret',
    ],
    [
      'Aegis',
      {
        version: 1,
        header: { slots: null, params: null },
        db: {
          version: 3,
          entries: [{ type: 'totp', name: 'iemand', issuer: 'Dienst', info: { secret: CRAFTED_SECRET } }],
        },
      },
      'Dienst (iemand)',
      'bad-secret',
    ],
    [
      '2FAS',
      {
        schemaVersion: 4,
        services: [{ name: 'Dienst', secret: CRAFTED_SECRET, otp: { account: 'iemand' } }],
      },
      'Dienst (iemand)',
      'bad-secret',
    ],
    ['an otpauth line that does not match', CRAFTED_URI, '?', 'bad-entry'],
    [
      'an otpauth line with that secret',
      `otpauth://totp/Dienst?secret=${CRAFTED_SECRET}`,
      'Dienst',
      'bad-entry',
    ],
  ])(
    '%s: the entry is refused, with its reason',
    async (_what, file, name, reason) => {
      const result = await readPlain(file);
      expect(result.accounts).toEqual([]);
      expect(result.rejected).toEqual([{ name, reason }]);
    },
    REDOS_TIMEOUT_MS,
  );

  test(
    "the file's other accounts are still read",
    async () => {
      const good = `otpauth://totp/Goed?secret=${base32(FIRST.secret)}`;
      const result = await readPlain([good, CRAFTED_URI, good].join('\n'));
      expect(result.accounts.map((a) => a.label)).toEqual(['Goed', 'Goed']);
      expect(result.rejected).toEqual([{ name: '?', reason: 'bad-entry' }]);
    },
    REDOS_TIMEOUT_MS,
  );

  test(
    'a base64 field of 200,000 "=" and a "!" is not base64; in a 2FAS file, that file is damaged',
    async () => {
      const crafted = `${'='.repeat(200_000)}!`;
      expect(base64ToBytesLenient(crafted)).toBeUndefined();
      const file = { schemaVersion: 4, services: [], servicesEncrypted: `${crafted}:${crafted}:${crafted}` };
      const unlock = await readLocked(file, '2fas');
      expect(await errorCode(unlock('wachtwoord'))).toBe('damaged');
    },
    REDOS_TIMEOUT_MS,
  );

  test('base64 padding is still stripped, however much there is', () => {
    expect(Array.from(base64ToBytesLenient(`QUJD${'='.repeat(1000)}`) ?? [])).toEqual([65, 66, 67]);
    expect(Array.from(base64ToBytesLenient(' QUI ') ?? [])).toEqual([65, 66]);
    expect(base64ToBytesLenient('QU=I')).toBeUndefined();
  });
});
