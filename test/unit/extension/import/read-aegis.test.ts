import { describe, expect, test } from 'vitest';
import {
  ACCOUNTS,
  aegisContent,
  aegisEncrypted,
  aegisPlain,
  errorCode,
  expectSameAccounts,
  readLocked,
  readPlain,
} from './import-fixtures';

describe('Aegis', () => {
  test('plain export: every account, the favourite pinned; steam/motp/yandex skipped by name', async () => {
    const content = aegisContent();
    const steam = { ...content.entries[0], type: 'steam', issuer: 'Steam', name: 'gamer' };
    const result = await readPlain({
      ...aegisPlain(),
      db: { ...content, entries: [...content.entries, steam] },
    });
    expect(result.format).toBe('aegis');
    expectSameAccounts(result.accounts, ACCOUNTS);
    expect(result.accounts.map((a) => a.pinned ?? false)).toEqual([true, false, false, false]);
    expect(result.rejected).toEqual([{ name: 'Steam (gamer)', reason: 'unsupported-type' }]);
  });

  test('encrypted vault (scrypt N = 2^15, AES-256-GCM): right password, wrong password', async () => {
    const unlock = await readLocked(aegisEncrypted('aegis-wachtwoord'), 'aegis');
    expect(await errorCode(unlock('fout'))).toBe('wrong-passphrase');
    expectSameAccounts((await unlock('aegis-wachtwoord')).accounts, ACCOUNTS);
  });

  test('a flipped byte in the content or its tag is an integrity error', async () => {
    const file = aegisEncrypted('pw');
    const db = Buffer.from(file.db, 'base64');
    db[3] = (db[3] ?? 0) ^ 1;
    expect(await errorCode((await readLocked({ ...file, db: db.toString('base64') }, 'aegis'))('pw'))).toBe(
      'damaged',
    );
    const tag = `${file.header.params.tag.slice(0, -1)}${file.header.params.tag.endsWith('0') ? '1' : '0'}`;
    const header = { ...file.header, params: { ...file.header.params, tag } };
    expect(await errorCode((await readLocked({ ...file, header }, 'aegis'))('pw'))).toBe('damaged');
  });

  test('a newer vault or content version is refused; crafted scrypt costs are refused unrun', async () => {
    expect(await errorCode(readPlain({ ...aegisPlain(), version: 2 }))).toBe('newer-version');
    expect(await errorCode(readPlain({ ...aegisPlain(), db: { ...aegisContent(), version: 4 } }))).toBe(
      'newer-version',
    );
    const file = aegisEncrypted('pw');
    const [slot] = file.header.slots;
    const costly = { ...file, header: { ...file.header, slots: [{ ...slot, n: 2 ** 30 }] } };
    // Over the file's whole scrypt budget (import-limits.test.ts): refused before a password is asked.
    expect(await errorCode(readPlain(costly))).toBe('damaged');
  });
});
