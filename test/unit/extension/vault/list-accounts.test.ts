import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Account } from '../../../../extension/otp';
import { openVault, type Vault, type VaultBatch, VaultIntegrityError } from '../../../../extension/vault';
import { DB_NAME, flipped, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function vaultWith(count: number): Promise<{ vault: Vault; added: Account[] }> {
  const vault = await openVault({ dbName: DB_NAME });
  const added: Account[] = [];
  for (let i = 0; i < count; i++) added.push(await vault.add(totpDraft(i)));
  return { vault, added };
}

async function listInBatches(vault: Vault, firstBatchSize?: number) {
  const batches: VaultBatch[] = [];
  const listing = await vault.list({ onBatch: (batch) => batches.push(batch), firstBatchSize });
  return { batches, listing };
}

const ids = (accounts: readonly { id: string }[]) => accounts.map((a) => a.id);

describe('vault.list with onBatch', () => {
  it.each([
    { count: 0, size: 3, sizes: [0] },
    { count: 2, size: 3, sizes: [2] },
    { count: 3, size: 3, sizes: [3] },
    { count: 4, size: 3, sizes: [3, 1] },
    { count: 25, size: undefined, sizes: [10, 15] },
  ])(
    '$count accounts, first batch $size: batches of $sizes, each account once, in stored order',
    async ({ count, size, sizes }) => {
      const { vault, added } = await vaultWith(count);
      const { batches, listing } = await listInBatches(vault, size);
      expect(batches.map((b) => b.accounts.length)).toEqual(sizes);
      expect(batches.flatMap((b) => ids(b.accounts))).toEqual(ids(added));
      expect(batches.flatMap((b) => b.damaged)).toEqual([]);
      expect(listing.accounts).toEqual(added);
      expect(listing).toEqual(await vault.list());
      vault.close();
    },
  );

  it('gives batches in stored order and the complete listing pinned first', async () => {
    const { vault, added } = await vaultWith(5);
    const pinned = await vault.update(added[3]?.id ?? '', { pinned: true });
    const { batches, listing } = await listInBatches(vault, 2);
    expect(batches.map((b) => ids(b.accounts))).toEqual([ids(added.slice(0, 2)), ids(added.slice(2))]);
    expect(ids(listing.accounts)).toEqual([pinned.id, ...ids(added.filter((a) => a.id !== pinned.id))]);
    vault.close();
  });

  it('reports each damaged record once, in the batch it falls in, and lists the others', async () => {
    const { vault, added } = await vaultWith(6);
    const db = await rawDb();
    const damagedIds = [added[1]?.id, added[4]?.id].map(String);
    for (const id of damagedIds) {
      const record = await db.get('accounts', id);
      if (record === undefined) throw new Error('setup');
      await db.put('accounts', { ...record, ciphertext: flipped(record.ciphertext, 0) });
    }
    db.close();
    const { batches, listing } = await listInBatches(vault, 3);
    expect(batches.map((b) => b.damaged.map((e) => e.subject.id))).toEqual([
      [damagedIds[0]],
      [damagedIds[1]],
    ]);
    const readable = ids(added.filter((a) => !damagedIds.includes(a.id)));
    expect(batches.map((b) => ids(b.accounts))).toEqual([readable.slice(0, 2), readable.slice(2)]);
    expect(ids(listing.accounts)).toEqual(readable);
    expect(listing.damaged.map((e) => e.subject.id)).toEqual(damagedIds);
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
    db.close();
    const { batches } = await listInBatches(vault, 2);
    const listed = batches.flatMap((b) => ids(b.accounts));
    expect(listed).toHaveLength(5);
    expect(new Set(listed)).toEqual(new Set(ids(added)));
    vault.close();
  });

  it('hands each readable account to onAccount as it is decrypted, before its batch', async () => {
    const { vault, added } = await vaultWith(7);
    const db = await rawDb();
    const damaged = added[5]?.id ?? '';
    const record = await db.get('accounts', damaged);
    if (record === undefined) throw new Error('setup');
    await db.put('accounts', { ...record, nonce: flipped(record.nonce, 3) });
    db.close();
    const seen: string[] = [];
    const seenAtBatch: number[] = [];
    const listing = await vault.list({
      firstBatchSize: 3,
      onAccount: (account) => seen.push(account.id),
      onBatch: () => seenAtBatch.push(seen.length),
    });
    // Every readable account once (the damaged one never), each before the batch holding it.
    expect([...seen].sort()).toEqual(ids(listing.accounts).sort());
    expect(seen).not.toContain(damaged);
    expect(seenAtBatch).toEqual([3, 6]);
    vault.close();
  });

  it('lists everything even when onAccount throws', async () => {
    const { vault, added } = await vaultWith(4);
    const listing = await vault.list({
      firstBatchSize: 2,
      onAccount: () => {
        throw new Error('caller bug');
      },
      onBatch: () => undefined,
    });
    expect(listing.accounts).toEqual(added);
    vault.close();
  });
});

describe('openVault({ prefetch: true })', () => {
  it('lists exactly what a plain listing does, in batches and whole', async () => {
    const { vault, added } = await vaultWith(13);
    vault.close();
    const prefetching = await openVault({ dbName: DB_NAME, prefetch: true });
    const { batches, listing } = await listInBatches(prefetching);
    expect(batches.map((b) => b.accounts.length)).toEqual([10, 3]);
    expect(listing.accounts).toEqual(added);
    expect(await prefetching.list()).toEqual(listing);
    prefetching.close();
  });

  it('never shows a stale listing after its own write', async () => {
    const { vault } = await vaultWith(2);
    vault.close();
    const prefetching = await openVault({ dbName: DB_NAME, prefetch: true });
    const added = await prefetching.add(totpDraft(7));
    const { listing } = await listInBatches(prefetching);
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
});
