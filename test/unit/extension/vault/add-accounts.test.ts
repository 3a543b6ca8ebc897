import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openVault } from '../../../../extension/vault';
import { DB_NAME, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function stored() {
  const db = await rawDb();
  const records = await db.getAll('accounts');
  db.close();
  return records;
}

describe('vault.addMany (an import)', () => {
  it('adds every draft after the existing accounts, in order, readable with its names', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    await vault.add(totpDraft(0));
    const added = await vault.addMany([totpDraft(1), totpDraft(2, { pinned: true }), totpDraft(3)]);
    expect(added.map((a) => a.order)).toEqual([1, 2, 3]);
    const listing = await vault.list();
    expect(listing.accounts.map((a) => a.issuer)).toEqual(['Issuer 2', 'Issuer 0', 'Issuer 1', 'Issuer 3']);
    expect(listing.accounts.find((a) => a.issuer === 'Issuer 1')?.secret).toEqual(totpDraft(1).secret);
    vault.close();
  });

  it('writes 1,000 accounts in one transaction', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction');
    await vault.addMany(Array.from({ length: 1000 }, (_, i) => totpDraft(i)));
    expect(transaction.mock.calls.filter(([, mode]) => mode === 'readwrite')).toHaveLength(1);
    expect(await stored()).toHaveLength(1000);
    vault.close();
  });

  it('stores nothing when a write fails half-way (the 500th add), and leaves earlier accounts intact', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    await vault.add(totpDraft(0));
    const before = await stored();
    const original = IDBObjectStore.prototype.add;
    let calls = 0;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementation(function (this: IDBObjectStore, ...args) {
      if (++calls === 500) throw new DOMException('Simulated failure', 'QuotaExceededError');
      return original.apply(this, args);
    });
    await expect(vault.addMany(Array.from({ length: 1000 }, (_, i) => totpDraft(i + 1)))).rejects.toThrow(
      'Simulated failure',
    );
    expect(calls).toBe(500);
    vi.restoreAllMocks();
    expect(await stored()).toEqual(before);
    vault.close();
  });

  it('stores nothing when one record is refused by the database (an id that exists)', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const existing = await vault.add(totpDraft(0));
    const uuids = vi.spyOn(crypto, 'randomUUID');
    uuids
      .mockReturnValueOnce(crypto.randomUUID())
      .mockReturnValueOnce(existing.id as `${string}-${string}-${string}-${string}-${string}`);
    await expect(vault.addMany([totpDraft(1), totpDraft(2), totpDraft(3)])).rejects.toThrow();
    expect((await vault.list()).accounts.map((a) => a.issuer)).toEqual(['Issuer 0']);
    vault.close();
  });
});

describe('names as the vault stores them', () => {
  // A QR code, a file or a paste can carry characters that make one name look like another.
  const disguised = { issuer: '\u202eBank\u200b', label: 'bob\u2066\ufeff', name: '\u00adBalie\u200d' };

  it('every new account, one (a scan, the form) or many (an import), loses invisible and bidi characters; the secret is as given', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const one = await vault.add(totpDraft(1, disguised));
    const [many] = await vault.addMany([totpDraft(2, disguised)]);
    for (const account of [one, many, ...(await vault.list()).accounts]) {
      expect(account).toMatchObject({ issuer: 'Bank', label: 'bob', name: 'Balie' });
    }
    expect((await vault.get(one.id))?.secret).toEqual(totpDraft(1).secret);
    vault.close();
  });

  it('a rename is held to the same rule', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const { id } = await vault.add(totpDraft(1));
    await vault.update(id, { name: 'Balie\u200b\u202e' });
    expect((await vault.get(id))?.name).toBe('Balie');
    vault.close();
  });
});
