import type { IDBPTransaction, StoreNames } from 'idb';
import type { VaultDatabase, VaultDB } from './vault-db';

type Stores = ArrayLike<StoreNames<VaultDB>>;

/**
 * Runs `work` in one readwrite transaction and commits only if it succeeds. A thrown error
 * aborts the transaction explicitly: IndexedDB would otherwise commit the requests already
 * made, leaving half a write. Do not await anything but the transaction's own requests inside
 * `work` (e.g. no crypto.subtle): the transaction auto-commits once it has nothing pending.
 */
export async function runTransaction<const Names extends Stores, T>(
  db: VaultDatabase,
  stores: Names,
  work: (tx: IDBPTransaction<VaultDB, Names, 'readwrite'>) => Promise<T>,
): Promise<T> {
  const tx = db.transaction(stores, 'readwrite');
  // Handled here so an abort never surfaces as an unhandled rejection; awaiting below still sees it.
  tx.done.catch(() => undefined);
  try {
    const result = await work(tx);
    await tx.done;
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted (a failed request aborts it) or already finished.
    }
    throw error;
  }
}
