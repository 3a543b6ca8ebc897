import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { currentCode } from '../../../../extension/otp';
import {
  openVault,
  VAULT_DB_VERSION,
  VAULT_FORMAT_VERSION,
  VaultFormatError,
  VaultVersionError,
} from '../../../../extension/vault';
import { DB_NAME, flipped, rawDb, totpDraft, writeFormat2Vault } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
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
    expect((error as Error).message).toMatch(
      new RegExp(
        `version is ${VAULT_FORMAT_VERSION + 1}.*up to ${VAULT_FORMAT_VERSION}.*Update the extension`,
      ),
    );
    expect(await db.get('meta', 'header')).toEqual(newer);
    expect(await db.count('accounts')).toBe(1);
    // A listing that would store a snapshot never starts: nothing was decrypted, nothing written.
    expect(await db.count('snapshot')).toBe(1);

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

describe('upgrade of a vault written by the previous version (format 2: a record per account, no snapshot)', () => {
  const drafts = [totpDraft(1), totpDraft(2, { pinned: true }), totpDraft(3)];

  async function stored() {
    const db = await rawDb();
    const result = {
      version: db.version,
      header: await db.get('meta', 'header'),
      records: await db.getAll('accounts'),
      snapshot: db.objectStoreNames.contains('snapshot') ? await db.get('snapshot', 'accounts') : undefined,
    };
    db.close();
    return result;
  }

  it('opens as it was: the same accounts and codes; opening alone writes nothing', async () => {
    const written = await writeFormat2Vault(drafts);
    const before = await stored();
    const vault = await open();
    const after = await stored();
    expect(after.version).toBe(VAULT_DB_VERSION); // the empty snapshot store only
    expect(after.header).toEqual(before.header);
    expect(after.records).toEqual(before.records);
    expect(after.snapshot).toBeUndefined();
    const { accounts, damaged } = await vault.list();
    expect(damaged).toEqual([]);
    expect(accounts).toEqual([written[1], written[0], written[2]]);
    const at = 1_700_000_000_000;
    expect(accounts.map((a) => currentCode(a, at))).toEqual(
      [drafts[1], drafts[0], drafts[2]].map((d) => currentCode(d ?? totpDraft(0), at)),
    );
    vault.close();
  });

  it('its first listing stores the snapshot and marks it format 3, leaving every record byte for byte', async () => {
    await writeFormat2Vault(drafts);
    const before = await stored();
    const vault = await open();
    const listing = await vault.list();
    vault.close();
    const after = await stored();
    expect(after.header).toEqual({ ...before.header, formatVersion: 3 });
    expect(after.records).toEqual(before.records);
    expect(after.snapshot).toBeDefined();
    // From then on one decryption lists it.
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const reopened = await openVault({ dbName: DB_NAME, prefetch: true });
    expect(await reopened.list()).toEqual(listing);
    expect(decrypt).toHaveBeenCalledTimes(1);
    reopened.close();
  });

  it('its first write upgrades it too, and keeps every account', async () => {
    const written = await writeFormat2Vault(drafts);
    const vault = await open();
    const added = await vault.add(totpDraft(4));
    expect(added.order).toBe(3);
    vault.close();
    const after = await stored();
    expect(after.header?.formatVersion).toBe(3);
    expect(after.records).toHaveLength(4);
    const reopened = await open();
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    expect((await reopened.list()).accounts).toEqual([written[1], written[0], written[2], added]);
    expect(decrypt).toHaveBeenCalledTimes(1);
    reopened.close();
  });

  it('a damaged record of the old vault is reported, kept in place, and still reported from the snapshot', async () => {
    const written = await writeFormat2Vault(drafts);
    const db = await rawDb();
    const victim = written[0]?.id ?? '';
    const record = await db.get('accounts', victim);
    if (record === undefined) throw new Error('setup');
    const damagedRecord = { ...record, ciphertext: flipped(record.ciphertext, 5) };
    await db.put('accounts', damagedRecord);
    db.close();
    const vault = await open();
    for (let i = 0; i < 2; i++) {
      const { accounts, damaged } = await vault.list();
      expect(accounts.map((a) => a.id)).toEqual([written[1]?.id, written[2]?.id]);
      expect(damaged.map((e) => e.subject)).toEqual([{ kind: 'account', id: victim }]);
    }
    vault.close();
    expect((await stored()).records.find((r) => r.id === victim)).toEqual(damagedRecord);
  });
});
