import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Account } from '../../../../extension/otp';
import {
  MIN_ARGON2ID,
  openVault,
  type Vault,
  VaultIntegrityError,
  type VaultListing,
  VaultLockedError,
} from '../../../../extension/vault';
import { DB_NAME, flipped, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function vaultWith(count: number): Promise<{ vault: Vault; added: Account[] }> {
  const vault = await openVault({ dbName: DB_NAME });
  const added = await vault.addMany(Array.from({ length: count }, (_, i) => totpDraft(i)));
  return { vault, added };
}

const ids = (accounts: readonly { id: string }[]) => accounts.map((a) => a.id);
const damagedIds = (listing: VaultListing) => listing.damaged.map((e) => e.subject.id);

/** What the account records alone say: the snapshot removed, so the vault reads every record. */
async function listFromRecords(vault: Vault): Promise<VaultListing> {
  const db = await rawDb();
  await db.delete('snapshot', 'accounts');
  db.close();
  return vault.list();
}

async function withoutSnapshot(): Promise<void> {
  const db = await rawDb();
  await db.delete('snapshot', 'accounts');
  db.close();
}

describe('vault.list: the snapshot (format 3)', () => {
  it('is one read and one decryption, however many accounts there are', async () => {
    const { vault, added } = await vaultWith(50);
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const listing = await vault.list();
    expect(decrypt).toHaveBeenCalledTimes(1);
    expect(listing.accounts).toEqual(added);
    vault.close();
  });

  it('agrees with the account records after every kind of change', async () => {
    const { vault, added } = await vaultWith(4);
    const [a, b, c, d] = added.map((account) => account.id) as [string, string, string, string];
    const changes: [string, () => Promise<unknown>][] = [
      ['add', () => vault.add(totpDraft(9))],
      ['addMany', () => vault.addMany([totpDraft(10), totpDraft(11)])],
      ['rename', () => vault.update(b, { name: 'Balie' })],
      ['pin', () => vault.update(c, { pinned: true })],
      ['reorder', async () => vault.reorder([...ids((await vault.list()).accounts)].reverse())],
      ['remove', () => vault.remove(a)],
      ['restore', async () => vault.restore(added[0] as Account)],
      ['remove another', () => vault.remove(d)],
    ];
    for (const [name, change] of changes) {
      await change();
      const fromSnapshot = await vault.list();
      expect(await listFromRecords(vault), name).toEqual(fromSnapshot);
    }
    expect((await vault.list()).accounts.map((x) => x.name)).toContain('Balie');
    vault.close();
  });

  it('two contexts changing it at once (popup and service worker) lose nothing', async () => {
    const { vault: popup, added } = await vaultWith(3);
    const worker = await openVault({ dbName: DB_NAME });
    const [a, b] = added;
    await Promise.all([
      popup.update(a?.id ?? '', { name: 'popup' }),
      worker.add(totpDraft(20)),
      popup.add(totpDraft(21)),
      worker.update(b?.id ?? '', { pinned: true }),
      worker.addMany([totpDraft(22), totpDraft(23)]),
    ]);
    const listing = await worker.list();
    expect(listing.accounts).toHaveLength(7);
    expect(listing.accounts.find((x) => x.id === a?.id)?.name).toBe('popup');
    expect(listing.accounts[0]?.id).toBe(b?.id);
    expect(new Set(listing.accounts.map((x) => x.order)).size).toBe(7);
    expect(await popup.list()).toEqual(listing);
    expect(await listFromRecords(popup)).toEqual(listing);
    popup.close();
    worker.close();
  });
});

describe('vault.list without a readable snapshot (reads every account record)', () => {
  it('reports each damaged record once, lists the others, and the snapshot it stores keeps reporting them', async () => {
    const { vault, added } = await vaultWith(6);
    const damaged = [added[1]?.id, added[4]?.id].map(String);
    const db = await rawDb();
    for (const id of damaged) {
      const record = await db.get('accounts', id);
      if (record === undefined) throw new Error('setup');
      await db.put('accounts', { ...record, ciphertext: flipped(record.ciphertext, 0) });
    }
    await db.delete('snapshot', 'accounts');
    const readable = added.filter((a) => !damaged.includes(a.id));

    const fromRecords = await vault.list();
    expect(fromRecords.accounts).toEqual(readable);
    expect(damagedIds(fromRecords)).toEqual(damaged);
    expect(fromRecords.damaged[0]?.cause).toBeInstanceOf(DOMException);
    // Stored again: one decryption, the same listing; the damaged records are still there.
    expect(await db.get('snapshot', 'accounts')).toBeDefined();
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    const fromSnapshot = await vault.list();
    expect(decrypt).toHaveBeenCalledTimes(1);
    expect(fromSnapshot.accounts).toEqual(readable);
    expect(damagedIds(fromSnapshot)).toEqual(damaged);
    expect(await db.count('accounts')).toBe(6);
    // A reorder names them too; removing one removes its record.
    await vault.reorder([...damaged, ...ids(readable)]);
    await vault.remove(damaged[0] ?? '');
    expect(damagedIds(await vault.list())).toEqual([damaged[1]]);
    expect(await db.count('accounts')).toBe(5);
    db.close();
    vault.close();
  });

  it('keeps records that share an `order` apart: every one exactly once', async () => {
    const { vault, added } = await vaultWith(5);
    const db = await rawDb();
    for (const account of added) {
      const record = await db.get('accounts', account.id);
      if (record === undefined) throw new Error('setup');
      await db.put('accounts', { ...record, order: 7 });
    }
    await db.delete('snapshot', 'accounts');
    db.close();
    const listed = ids((await vault.list()).accounts);
    expect(listed).toHaveLength(5);
    expect(new Set(listed)).toEqual(new Set(ids(added)));
    vault.close();
  });

  it('does not store its snapshot over a change made meanwhile', async () => {
    const { vault, added } = await vaultWith(3);
    await withoutSnapshot();
    const other = await openVault({ dbName: DB_NAME });
    // While the listing decrypts the records, another context adds an account.
    const decrypt = crypto.subtle.decrypt.bind(crypto.subtle);
    vi.spyOn(crypto.subtle, 'decrypt').mockImplementationOnce(async (...args) => {
      await other.add(totpDraft(30));
      return decrypt(...args);
    });
    await vault.list();
    vi.restoreAllMocks();
    const listing = await vault.list();
    expect(listing.accounts).toHaveLength(4);
    expect(ids(listing.accounts).slice(0, 3)).toEqual(ids(added));
    expect(await listFromRecords(vault)).toEqual(listing);
    other.close();
    vault.close();
  });
});

describe('openVault({ prefetch: true })', () => {
  it('lists exactly what a plain listing does', async () => {
    const { vault, added } = await vaultWith(13);
    vault.close();
    const prefetching = await openVault({ dbName: DB_NAME, prefetch: true });
    const listing = await prefetching.list();
    expect(listing.accounts).toEqual(added);
    expect(await prefetching.list()).toEqual(listing);
    prefetching.close();
  });

  it('never shows a stale listing after its own write', async () => {
    const { vault } = await vaultWith(2);
    vault.close();
    const prefetching = await openVault({ dbName: DB_NAME, prefetch: true });
    const added = await prefetching.add(totpDraft(7));
    const listing = await prefetching.list();
    expect(ids(listing.accounts)).toContain(added.id);
    expect(listing.accounts).toHaveLength(3);
    prefetching.close();
  });

  it('reads anew for a later listing, so changes made elsewhere show', async () => {
    const { vault } = await vaultWith(1);
    const prefetching = await openVault({ dbName: DB_NAME, prefetch: true });
    expect((await prefetching.list()).accounts).toHaveLength(1);
    await vault.add(totpDraft(8));
    expect((await prefetching.list()).accounts).toHaveLength(2);
    vault.close();
    prefetching.close();
  });

  it('still refuses a damaged key slot', async () => {
    await vaultWith(3).then(({ vault }) => vault.close());
    const db = await rawDb();
    const header = await db.get('meta', 'header');
    const slot = header?.slots[0];
    if (header === undefined || slot === undefined || slot.type !== 'device') throw new Error('setup');
    await db.put(
      'meta',
      { ...header, slots: [{ ...slot, wrappedKey: flipped(slot.wrappedKey, 0) }] },
      'header',
    );
    db.close();
    await expect(openVault({ dbName: DB_NAME, prefetch: true })).rejects.toThrow(VaultIntegrityError);
  });

  it('decrypts nothing while locked (SECURITY #34), and takes the session key while it is still being read', async () => {
    const { vault } = await vaultWith(3);
    const session = await vault.setPassphrase('paars konijn', { name: 'argon2id', params: MIN_ARGON2ID });
    vault.close();
    const decrypt = vi.spyOn(crypto.subtle, 'decrypt');
    await expect(openVault({ dbName: DB_NAME, prefetch: true })).rejects.toBeInstanceOf(VaultLockedError);
    await expect(
      openVault({ dbName: DB_NAME, prefetch: true, session: Promise.resolve(undefined) }),
    ).rejects.toBeInstanceOf(VaultLockedError);
    expect(decrypt).not.toHaveBeenCalled();
    const unlocked = await openVault({ dbName: DB_NAME, prefetch: true, session: Promise.resolve(session) });
    expect((await unlocked.list()).accounts).toHaveLength(3);
    unlocked.close();
  }, 20_000);
});
