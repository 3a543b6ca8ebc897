import type { Account } from '../otp/account';
import { sortAccounts } from '../otp/sort-accounts';
import { openAccount } from './account-record';
import type { StoredAccount, VaultDatabase } from './vault-db';
import { VaultIntegrityError } from './vault-errors';
import type { ListOptions, VaultBatch, VaultListing } from './vault-types';

/** A popup's height of rows (at most 580 px, about 8 rows): what must be on screen first. */
export const DEFAULT_FIRST_BATCH_SIZE = 10;

/** The reads of a listing, issued together in one read transaction (one snapshot). */
export interface AccountReads {
  /** Undefined when only `all` is read (a listing without batches). */
  readonly firstBatchSize: number | undefined;
  /** The first `firstBatchSize` records by `order`. */
  readonly head: Promise<StoredAccount[]>;
  /** Every record by `order`; its first records are `head`'s. */
  readonly all: Promise<StoredAccount[]>;
}

/**
 * Issues both reads now. Both requests are in one transaction, so they read one snapshot, and the
 * index orders by (order, id), so the first result is a prefix of the second. Requests are answered
 * in order, so the small one arrives first.
 */
export function readAccounts(db: VaultDatabase, firstBatchSize: number | undefined): AccountReads {
  const index = db.transaction('accounts').store.index('by-order');
  const head = firstBatchSize === undefined ? Promise.resolve([]) : index.getAll(null, firstBatchSize);
  const reads = { firstBatchSize, head, all: index.getAll() };
  // Whoever awaits them sees a failure; until then (or if nobody does) it is not unhandled.
  reads.head.catch(() => undefined);
  reads.all.catch(() => undefined);
  return reads;
}

/**
 * Reads and decrypts every account. With `onBatch`, the first `firstBatchSize` records (in stored
 * order) are read by a small request of their own and decrypted and handed over while the rest is
 * still being read: with 1,000 accounts, reading them all takes tens of ms, the first 10 a few.
 * `prefetched` are reads issued earlier (see openVault's `prefetch`), used if their batch size fits.
 */
export async function listAccounts(
  db: VaultDatabase,
  key: CryptoKey,
  options: ListOptions = {},
  prefetched?: AccountReads,
): Promise<VaultListing> {
  const { onBatch, onAccount } = options;
  const firstBatchSize = Math.max(1, options.firstBatchSize ?? DEFAULT_FIRST_BATCH_SIZE);
  if (onBatch === undefined) {
    const records = await (prefetched ?? readAccounts(db, undefined)).all;
    return sorted(await openBatch(key, records, onAccount));
  }
  const reads = prefetched?.firstBatchSize === firstBatchSize ? prefetched : readAccounts(db, firstBatchSize);

  const headRecords = await reads.head;
  const first = await openBatch(key, headRecords, onAccount);
  onBatch(first);
  // A short first batch was the whole store; no need to wait for the second read.
  if (headRecords.length < firstBatchSize) return sorted(first);
  const records = await reads.all;
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

/** In the list order (pinning is inside the ciphertext, so the index cannot give it). */
function sorted({ accounts, damaged }: VaultBatch): VaultListing {
  return { accounts: sortAccounts(accounts), damaged };
}
