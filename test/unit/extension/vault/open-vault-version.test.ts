import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  openVault,
  VAULT_DB_VERSION,
  VAULT_FORMAT_VERSION,
  VaultFormatError,
  VaultVersionError,
} from '../../../../extension/vault';
import { DB_NAME, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const open = () => openVault({ dbName: DB_NAME });

describe('version refusal', () => {
  it('refuses a newer vault format with VaultVersionError and leaves the vault as it was', async () => {
    const vault = await open();
    const account = await vault.add(totpDraft(1));
    vault.close();
    const db = await rawDb();
    const header = await db.get('meta', 'header');
    if (header === undefined) throw new Error('setup');
    const newer = { ...header, formatVersion: VAULT_FORMAT_VERSION + 1 };
    await db.put('meta', newer, 'header');

    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultVersionError);
    expect(error).toMatchObject({ found: VAULT_FORMAT_VERSION + 1, supported: VAULT_FORMAT_VERSION });
    expect((error as Error).message).toMatch(/version is 3.*up to 2.*Update the extension/);
    expect(await db.get('meta', 'header')).toEqual(newer);
    expect(await db.count('accounts')).toBe(1);

    await db.put('meta', header, 'header');
    db.close();
    const reopened = await open();
    expect(await reopened.get(account.id)).toEqual(account);
    reopened.close();
  });

  it('refuses a database upgraded by a newer extension (IndexedDB VersionError)', async () => {
    const db = await openDB(DB_NAME, VAULT_DB_VERSION + 1, {
      upgrade(d) {
        d.createObjectStore('future');
      },
    });
    db.close();
    const error = await open().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VaultVersionError);
    expect(error).toMatchObject({ found: VAULT_DB_VERSION + 1, supported: VAULT_DB_VERSION });
    expect((error as Error).cause).toBeInstanceOf(DOMException);
  });

  it.each([0, -1, 1.5, Number.NaN])('[%#] rejects a header with format version %s', async (formatVersion) => {
    (await open()).close();
    const db = await rawDb();
    const header = await db.get('meta', 'header');
    if (header === undefined) throw new Error('setup');
    await db.put('meta', { ...header, formatVersion }, 'header');
    db.close();
    await expect(open()).rejects.toBeInstanceOf(VaultFormatError);
  });

  it('does not create a new key over accounts whose header is missing', async () => {
    const vault = await open();
    await vault.add(totpDraft(1));
    vault.close();
    const db = await rawDb();
    await db.delete('meta', 'header');
    await expect(open()).rejects.toBeInstanceOf(VaultFormatError);
    expect(await db.get('meta', 'header')).toBeUndefined();
    expect(await db.count('accounts')).toBe(1);
    db.close();
  });

  it('two contexts opening a new vault at once end up with one header and one key', async () => {
    const [a, b] = await Promise.all([open(), open()]);
    const account = await a.add(totpDraft(1));
    expect(await b.get(account.id)).toEqual(account);
    a.close();
    b.close();
  });
});
