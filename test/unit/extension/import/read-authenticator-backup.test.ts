import { describe, expect, test } from 'vitest';
import {
  ACCOUNTS,
  authenticatorEntry,
  authenticatorPlain,
  authenticatorV1,
  authenticatorV2,
  authenticatorV3,
  base32,
  errorCode,
  expectSameAccounts,
  readLocked,
  readPlain,
} from './import-fixtures';

const PASSPHRASE = 'Praktijk-wachtwoord 2026!';

describe('the Authenticator extension: plain backup', () => {
  test('imports every account with its parameters; the codes match an independent HMAC', async () => {
    const result = await readPlain(authenticatorPlain());
    expect(result.format).toBe('authenticator');
    expectSameAccounts(result.accounts, ACCOUNTS);
    expect(result.rejected).toEqual([]);
  });

  test('reads hex secrets (types hex and hhex), numeric algorithms, and orders by index', async () => {
    const entries = ACCOUNTS.map((a, i) => authenticatorEntry(a, i, true));
    const shuffled = Object.fromEntries(
      [...entries]
        .reverse()
        .map((e) => [e.hash, { ...e, algorithm: e.algorithm === 'SHA256' ? 2 : e.algorithm }]),
    );
    expectSameAccounts((await readPlain(shuffled)).accounts, ACCOUNTS);
  });

  test('skips Steam, Battle.net, GOST and 10-digit accounts, naming each, and keeps the others', async () => {
    const good = authenticatorEntry(ACCOUNTS[0] ?? (ACCOUNTS[1] as never), 0);
    const file = {
      [good.hash]: good,
      a: { ...good, hash: 'a', index: 1, type: 'steam', issuer: 'Steam' },
      b: { ...good, hash: 'b', index: 2, secret: `blz-${good.secret}`, issuer: 'Battle.net' },
      c: { ...good, hash: 'c', index: 3, algorithm: 'GOST3411_2012_256', issuer: 'GOST' },
      d: { ...good, hash: 'd', index: 4, digits: 10, issuer: 'Tien' },
      e: { ...good, hash: 'e', index: 5, secret: 'not base32!', issuer: 'Kapot' },
    };
    const result = await readPlain(file);
    expect(result.accounts).toHaveLength(1);
    expect(result.rejected).toEqual([
      { name: 'Steam (balie@praktijk.nl)', reason: 'unsupported-type' },
      { name: 'Battle.net (balie@praktijk.nl)', reason: 'unsupported-type' },
      { name: 'GOST (balie@praktijk.nl)', reason: 'unsupported-algorithm' },
      { name: 'Tien (balie@praktijk.nl)', reason: 'unsupported-digits' },
      { name: 'Kapot (balie@praktijk.nl)', reason: 'bad-secret' },
    ]);
  });

  test('reads its otpauth text export (one URI per line, CRLF)', async () => {
    const lines = ACCOUNTS.map((a) => {
      const label = `${encodeURIComponent(a.issuer)}:${encodeURIComponent(a.label)}`;
      const kind = a.type === 'hotp' ? `&counter=${a.counter}` : `&period=${a.period}`;
      return `otpauth://${a.type}/${label}?secret=${base32(a.secret)}&issuer=${encodeURIComponent(a.issuer)}${kind}&digits=${a.digits}&algorithm=${a.algorithm}`;
    });
    const result = await readPlain(lines.join('\r\n'));
    expect(result.format).toBe('otpauth');
    expectSameAccounts(result.accounts, ACCOUNTS);
  });

  test('a backup of 1,000 accounts reads every one of them, in order', async () => {
    const many = Array.from(
      { length: 1000 },
      (_, i) => ({ ...ACCOUNTS[0], issuer: `Dienst ${i}` }) as (typeof ACCOUNTS)[number],
    );
    const result = await readPlain(authenticatorPlain(many));
    expect(result.accounts.map((a) => a.issuer)).toEqual(many.map((a) => a.issuer));
  });
});

describe('the Authenticator extension: encrypted backups', () => {
  test('v3 (argon2id key, EncOTPStorage): the right passphrase gives every account; a wrong one says so', async () => {
    const unlock = await readLocked(await authenticatorV3(PASSPHRASE), 'authenticator');
    expect(await errorCode(unlock('verkeerd'))).toBe('wrong-passphrase');
    expectSameAccounts((await unlock(PASSPHRASE)).accounts, ACCOUNTS);
  });

  test('v3: an altered entry is a damaged file, not a wrong code', async () => {
    const file = await authenticatorV3(PASSPHRASE, ACCOUNTS.slice(0, 1));
    const [hash, entry] =
      Object.entries(file).find(([, v]) => (v as { dataType: string }).dataType === 'EncOTPStorage') ?? [];
    const data = (entry as { data: string }).data;
    // The last ciphertext block: its padding no longer checks out.
    const bytes = Buffer.from(data, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0x55;
    const altered = { ...file, [hash as string]: { ...(entry as object), data: bytes.toString('base64') } };
    const unlock = await readLocked(altered, 'authenticator');
    expect(await errorCode(unlock(PASSPHRASE))).toBe('damaged');
  });

  test.each([false, true])('v2 (key.enc and key.hash; bug #557 layout: %s)', async (bug557) => {
    const unlock = await readLocked(await authenticatorV2(PASSPHRASE, ACCOUNTS, bug557), 'authenticator');
    expect(await errorCode(unlock('verkeerd'))).toBe('wrong-passphrase');
    expectSameAccounts((await unlock(PASSPHRASE)).accounts, ACCOUNTS);
  });

  test('v1 (secrets under the passphrase itself)', async () => {
    const unlock = await readLocked(authenticatorV1(PASSPHRASE), 'authenticator');
    expect(await errorCode(unlock('verkeerd'))).toBe('wrong-passphrase');
    expectSameAccounts((await unlock(PASSPHRASE)).accounts, ACCOUNTS);
  });

  test('a truncated backup is damaged, whatever is missing', async () => {
    const text = JSON.stringify(await authenticatorV3(PASSPHRASE), null, 2);
    for (const length of [1, 50, Math.floor(text.length / 2), text.length - 2]) {
      expect(await errorCode(readPlain(text.slice(0, length)))).toBe('damaged');
    }
  });
});
