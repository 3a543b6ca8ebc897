import type { Account } from '../otp/account';
import { openAccount } from './account-record';
import type { StoredAccount, VaultDatabase } from './vault-db';
import { VaultIntegrityError } from './vault-errors';
import type { ListOptions, VaultBatch, VaultListing } from './vault-types';

/** A popup's height of rows (at most 580 px, about 8 rows): what must be on screen first. */
export const DEFAULT_FIRST_BATCH_SIZE = 10;

/**
 * Reads and decrypts every account. With `onBatch`, the first `firstBatchSize` records (in stored
 * order) are read by a small request of their own and decrypted and handed over while the rest is
 * still being read: with 1,000 accounts, reading them all takes tens of ms, the first 10 a few.
 */
export async function listAccounts(
  db: VaultDatabase,
  key: CryptoKey,
  options: ListOptions = {},
): Promise<VaultListing> {
  const { onBatch, onAccount } = options;
  const firstBatchSize = Math.max(1, options.firstBatchSize ?? DEFAULT_FIRST_BATCH_SIZE);
  const index = db.transaction('accounts').store.index('by-order');
  if (onBatch === undefined) return sorted(await openBatch(key, await index.getAll(), onAccount));

  // Both requests in one transaction read one snapshot, and the index orders by (order, id), so
  // the first request's result is a prefix of the second's. Requests are answered in order, so
  // the small one arrives first.
  const head = index.getAll(null, firstBatchSize);
  const all = index.getAll();
  // If `head` fails, `all` fails too and is not awaited: keep that from being unhandled.
  all.catch(() => undefined);
  const headRecords = await head;
  const first = await openBatch(key, headRecords, onAccount);
  onBatch(first);
  // A short first batch was the whole store; no need to wait for the second read.
  if (headRecords.length < firstBatchSize) return sorted(first);
  const records = await all;
  if (records.length === headRecords.length) return sorted(first);
  const rest = await openBatch(key, records.slice(headRecords.length), onAccount);
  onBatch(rest);
  return sorted({
    accounts: [...first.accounts, ...rest.accounts],
    damaged: [...first.damaged, ...rest.damaged],
  });
}

/** Decrypts in parallel (WebCrypto works off the main thread); a damaged record does not hide the others. */
async function openBatch(
  key: CryptoKey,
  records: readonly StoredAccount[],
  onAccount: ((account: Account) => void) | undefined,
): Promise<VaultBatch> {
  const open = async (record: StoredAccount) => {
    const account = await openAccount(key, record);
    try {
      onAccount?.(account);
    } catch {
      // The caller's own work on the account; its failure must not cost the listing.
    }
    return account;
  };
  const results = await Promise.allSettled(records.map(open));
  const accounts: Account[] = [];
  const damaged: VaultIntegrityError[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') accounts.push(result.value);
    else if (result.reason instanceof VaultIntegrityError) damaged.push(result.reason);
    else throw result.reason;
  }
  return { accounts, damaged };
}

/** The listing order: pinned first, then by `order` (the sort is stable). */
function sorted({ accounts, damaged }: VaultBatch): VaultListing {
  return { accounts: [...accounts].sort((a, b) => Number(b.pinned) - Number(a.pinned)), damaged };
}
