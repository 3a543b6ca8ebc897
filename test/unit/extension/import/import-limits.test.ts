/**
 * Crafted files must not hang the options page (SECURITY #36): the number of password slots and
 * key records a passphrase is tried on, what scrypt may be asked, the number of accounts and the
 * length of their names are bounded, each refusal with its own code (a sentence on the page).
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import {
  MAX_ARGON2_WORK,
  MAX_IMPORT_ACCOUNTS,
  MAX_KEY_SLOTS,
} from '../../../../extension/import/import-limits';
import { MAX_NAME_LENGTH } from '../../../../extension/otp/max-name-length';
import { ARGON2_LIMITS } from '../../../../extension/vault/derive-argon2';
import {
  ACCOUNTS,
  aegisContent,
  aegisEncrypted,
  aegisPlain,
  authenticatorPlain,
  authenticatorV2,
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

  test('Aegis: password slots that ask scrypt for more than two slots at its largest cost are refused before a password is asked; two open', async () => {
    const file = aegisEncrypted('pw');
    const [slot] = file.header.slots;
    const costly = { ...slot, n: 2 ** 17, r: 8 };
    const withSlots = (slots: unknown[]) => ({ ...file, header: { ...file.header, slots } });
    // Eight at the largest cost allowed per slot: about 8 × 2 s for every wrong password.
    expect(await errorCode(readPlain(withSlots(Array(MAX_KEY_SLOTS).fill(costly))))).toBe('damaged');
    expect(await errorCode(readPlain(withSlots([costly, costly, slot])))).toBe('damaged');
    // The real slot first: it opens before the costly one would be tried.
    expectSameAccounts(
      (await (await readLocked(withSlots([slot, costly]), 'aegis'))('pw')).accounts,
      ACCOUNTS,
    );
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

/** The key record and one encrypted entry of a v3 file, to copy. */
function v3Parts(file: Record<string, unknown>) {
  const find = (dataType: string) =>
    Object.entries(file).find(([, v]) => (v as { dataType: string }).dataType === dataType);
  const [keyId, key] = find('Key') ?? [];
  const [, entry] = find('EncOTPStorage') ?? [];
  if (keyId === undefined || key === undefined || entry === undefined) throw new Error('fixture');
  return { keyId, key: key as Record<string, unknown>, entry: entry as Record<string, unknown> };
}

/** An argon2id hash (PHC string) at the largest parameters deriveArgon2 computes: about 9 s a run. */
const COSTLIEST_HASH = `$argon2id$v=19$m=${ARGON2_LIMITS.maxMemoryKiB},t=${ARGON2_LIMITS.maxIterations},p=${ARGON2_LIMITS.maxParallelism}$${Buffer.alloc(16, 1).toString('base64').replace(/=+$/, '')}$${Buffer.alloc(32, 2).toString('base64').replace(/=+$/, '')}`;

/** Counts the argon2 runs from here on (deriveArgon2 records each as a `kdf` measure). */
function countKdfRuns(): () => number {
  const measure = vi.spyOn(performance, 'measure');
  return () => measure.mock.calls.filter(([name]) => name === 'kdf').length;
}

describe('argon2 work: the Authenticator extension', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test(`key records asking for more than ${MAX_ARGON2_WORK} KiB × passes in all are refused before a passphrase is asked, no argon2 run`, async () => {
    const runs = countKdfRuns();
    const file = await authenticatorV3('wachtwoord', ACCOUNTS.slice(0, 1));
    const { keyId, key, entry } = v3Parts(file);
    const fresh = runs();
    // MAX_KEY_SLOTS records in use and a v2 key, each within ARGON2_LIMITS: 9 × 9 s per passphrase.
    const crafted: Record<string, unknown> = {
      ...file,
      [keyId]: { ...key, hash: COSTLIEST_HASH },
      key: { enc: 'U2FsdGVkX1+AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=', hash: COSTLIEST_HASH },
    };
    for (let i = 1; i < MAX_KEY_SLOTS; i++) {
      const id = `${keyId}-${i}`;
      crafted[id] = { ...key, id, hash: COSTLIEST_HASH };
      crafted[`entry-${i}`] = { ...entry, keyId: id };
    }
    expect(await errorCode(readPlain(crafted))).toBe('damaged');
    // Two such records are over the budget as well, though under MAX_KEY_SLOTS.
    const two = {
      ...file,
      [keyId]: { ...key, hash: COSTLIEST_HASH },
      other: { ...key, id: 'other', hash: COSTLIEST_HASH },
      'entry-other': { ...entry, keyId: 'other' },
    };
    expect(await errorCode(readPlain(two))).toBe('damaged');
    expect(runs()).toBe(fresh);
  });

  test('one key record at the largest parameters still asks for its passphrase', async () => {
    const file = await authenticatorV3('wachtwoord', ACCOUNTS.slice(0, 1));
    const { keyId, key } = v3Parts(file);
    await readLocked({ ...file, [keyId]: { ...key, hash: COSTLIEST_HASH } }, 'authenticator');
  });

  test('the key an entry names is derived once, however many records repeat its id', async () => {
    const file = await authenticatorV3('wachtwoord', ACCOUNTS.slice(0, 2));
    const { key } = v3Parts(file);
    const crafted: Record<string, unknown> = { ...file };
    for (let i = 1; i < MAX_KEY_SLOTS; i++) crafted[`copy-${i}`] = { ...key };
    const unlock = await readLocked(crafted, 'authenticator');
    let runs = countKdfRuns();
    expectSameAccounts((await unlock('wachtwoord')).accounts, ACCOUNTS.slice(0, 2));
    // Its derivation and its hash's check.
    expect(runs()).toBe(2);
    vi.restoreAllMocks();
    runs = countKdfRuns();
    expect(await errorCode(unlock('verkeerd'))).toBe('wrong-passphrase');
    expect(runs()).toBe(2);
  });

  test('entries under two keys: every key in use opens, each once; a v2 file is within the budget too', async () => {
    const first = await authenticatorV3('wachtwoord', ACCOUNTS.slice(0, 2));
    const second = await authenticatorV3('wachtwoord', ACCOUNTS.slice(2), {
      keyId: '66666666-7777-4888-9999-000000000000',
      salt: '5e0c4d2b9a7f13e86c4b2a10',
      firstIndex: 2,
    });
    const unlock = await readLocked({ ...first, ...second }, 'authenticator');
    const runs = countKdfRuns();
    expectSameAccounts((await unlock('wachtwoord')).accounts, ACCOUNTS);
    expect(runs()).toBe(4);
    // A v2 file is within the budget too.
    const v2 = await readLocked(await authenticatorV2('wachtwoord'), 'authenticator');
    expectSameAccounts((await v2('wachtwoord')).accounts, ACCOUNTS);
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

  test('an entry whose algorithm is "__proto__" or "constructor" is one unusable entry, not a failed import', async () => {
    const file = authenticatorPlain([FIRST, { ...FIRST, issuer: 'Tweede' }, { ...FIRST, issuer: 'Derde' }]);
    const [first, second, third] = Object.values(file) as Record<string, unknown>[];
    if (!first || !second || !third) throw new Error('fixtures');
    second.algorithm = '__proto__';
    third.algorithm = 'constructor';
    const result = await readPlain(file);
    expect(result.accounts.map((a) => a.issuer)).toEqual([FIRST.issuer]);
    expect(result.rejected).toHaveLength(2);
  });

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
