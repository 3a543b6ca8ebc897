import type { Account } from '../otp/account';
import { openAccount } from './account-record';
import { type AccountSnapshot, openSnapshot } from './account-snapshot';
import type { StoredAccount, StoredSnapshot, VaultDatabase } from './vault-db';
import { VaultIntegrityError } from './vault-errors';

/** The accounts as stored, and what a write must find unchanged to build on them (compare-and-set). */
export interface AccountState {
  readonly snapshot: AccountSnapshot;
  /** The snapshot record as read; undefined when there was none. */
  readonly stored: StoredSnapshot | undefined;
  /**
   * Set when the snapshot was missing (a format 2 vault) or unreadable, and was made from the
   * account records instead: the records as read. A write stores it only if they are unchanged.
   */
  readonly records: readonly StoredAccount[] | undefined;
  /** The unreadable account records (from the snapshot's list, or found while reading the records). */
  readonly damaged: readonly VaultIntegrityError[];
}

/**
 * Reads the snapshot: one request, one decryption. Without a snapshot, or with one that fails
 * authentication, every account record is read and decrypted instead; that loses nothing, since
 * every account is in its own record too. `stored` is a snapshot read issued earlier (prefetch).
 */
export async function readAccountState(
  db: VaultDatabase,
  key: CryptoKey,
  stored: Promise<StoredSnapshot | undefined> = db.get('snapshot', 'accounts'),
): Promise<AccountState> {
  const record = await stored;
  if (record !== undefined) {
    try {
      const snapshot = await openSnapshot(key, record);
      const damaged = snapshot.damaged.map((id) => new VaultIntegrityError({ kind: 'account', id }));
      return { snapshot, stored: record, records: undefined, damaged };
    } catch (error) {
      if (!(error instanceof VaultIntegrityError)) throw error;
    }
  }
  return fromRecords(db, key, record);
}

/** Decrypts in parallel (WebCrypto works off the main thread); a damaged record does not hide the others. */
async function fromRecords(
  db: VaultDatabase,
  key: CryptoKey,
  stored: StoredSnapshot | undefined,
): Promise<AccountState> {
  const records = await db.getAllFromIndex('accounts', 'by-order');
  const results = await Promise.allSettled(records.map((record) => openAccount(key, record)));
  const accounts: Account[] = [];
  const damaged: VaultIntegrityError[] = [];
  for (const result of results) {
    if (result.status === 'fulfilled') accounts.push(result.value);
    else if (result.reason instanceof VaultIntegrityError) damaged.push(result.reason);
    else throw result.reason;
  }
  const snapshot = { accounts, damaged: damaged.map((error) => error.subject.id) };
  return { snapshot, stored, records, damaged };
}
