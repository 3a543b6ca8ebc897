import { describe, expect, test } from 'vitest';
import {
  ACCOUNTS,
  errorCode,
  expectSameAccounts,
  readLocked,
  readPlain,
  twofasEncrypted,
  twofasPlain,
} from './import-fixtures';

describe('2FAS', () => {
  test('plain .2fas: every account in the app’s order; STEAM skipped', async () => {
    const file = twofasPlain();
    const steam = {
      ...file.services[0],
      name: 'Steam',
      otp: { ...file.services[0]?.otp, tokenType: 'STEAM', account: 'gamer' },
    };
    const result = await readPlain({ ...file, services: [...file.services, steam] });
    expect(result.format).toBe('2fas');
    expectSameAccounts(result.accounts, ACCOUNTS);
    expect(result.rejected).toEqual([{ name: 'Steam (gamer)', reason: 'unsupported-type' }]);
  });

  test('encrypted .2fas (PBKDF2-SHA256 10,000, AES-256-GCM): right and wrong password', async () => {
    const unlock = await readLocked(twofasEncrypted('2fas-wachtwoord'), '2fas');
    expect(await errorCode(unlock('fout'))).toBe('wrong-passphrase');
    expectSameAccounts((await unlock('2fas-wachtwoord')).accounts, ACCOUNTS);
  });

  test('altered services are an integrity error, a newer schema is refused, a cut-off file is damaged', async () => {
    const file = twofasEncrypted('pw');
    const [data = '', salt, iv] = file.servicesEncrypted.split(':');
    const bytes = Buffer.from(data, 'base64');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    const altered = { ...file, servicesEncrypted: [bytes.toString('base64'), salt, iv].join(':') };
    expect(await errorCode((await readLocked(altered, '2fas'))('pw'))).toBe('damaged');
    expect(await errorCode(readPlain({ ...twofasPlain(), schemaVersion: 5 }))).toBe('newer-version');
    const text = JSON.stringify(file);
    expect(await errorCode(readPlain(text.slice(0, text.length - 10)))).toBe('damaged');
  });
});
