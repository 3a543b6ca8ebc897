import { describe, expect, test } from 'vitest';
import { ACCOUNTS, base32, errorCode, expectSameAccounts, readPlain } from './import-fixtures';

const [totp, sha256, , hotp] = ACCOUNTS;
if (totp === undefined || sha256 === undefined || hotp === undefined) throw new Error('fixtures');

const login = (name: string, username: string, value: string | null) => ({
  id: crypto.randomUUID(),
  type: 1,
  name,
  login: { username, password: 'geheim', totp: value, uris: [] },
});

/** An unencrypted Bitwarden JSON export (bitwarden/clients' individual vault export). */
const exportOf = (items: unknown[]) => ({ encrypted: false, folders: [], items });

describe('Bitwarden', () => {
  test('reads login.totp as an otpauth URI or a bare base32 secret (item name = issuer, username = label)', async () => {
    const uri = `otpauth://totp/${sha256.issuer}:${sha256.label}?secret=${base32(sha256.secret)}&algorithm=SHA256&digits=8&period=60`;
    const result = await readPlain(
      exportOf([
        login(totp.issuer, totp.label, base32(totp.secret).toLowerCase()),
        login('Zonder code', 'iemand', null),
        { id: 'x', type: 2, name: 'Notitie', secureNote: { type: 0 } },
        login('ignored name', 'ignored user', uri),
        login('Steam', 'gamer', 'steam://ABCDEFGHIJKLMNOP'),
      ]),
    );
    expect(result.format).toBe('bitwarden');
    expectSameAccounts(result.accounts, [totp, sha256]);
    expect(result.rejected).toEqual([{ name: 'Steam (gamer)', reason: 'unsupported-type' }]);
  });

  test('an HOTP otpauth URI keeps its counter', async () => {
    const uri = `otpauth://hotp/${hotp.issuer}:${hotp.label}?secret=${base32(hotp.secret)}&counter=${hotp.counter}`;
    expectSameAccounts((await readPlain(exportOf([login('x', 'y', uri)]))).accounts, [hotp]);
  });

  test('encrypted exports are refused with their own reason', async () => {
    expect(await errorCode(readPlain({ encrypted: true, items: [] }))).toBe('unsupported-encryption');
    expect(await errorCode(readPlain({ encrypted: false, passwordProtected: true, items: [] }))).toBe(
      'unsupported-encryption',
    );
  });
});
