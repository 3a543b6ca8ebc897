import type { Account } from '../otp/account';
import { equalBytes } from '../otp/equal-bytes';
import { sealAccount } from './account-record';
import { type AccountSnapshot, sealSnapshot } from './account-snapshot';
import { type AccountState, readAccountState } from './read-account-state';
import { runTransaction } from './run-transaction';
import type { StoredAccount, StoredSnapshot, VaultDatabase } from './vault-db';
import { VaultError } from './vault-errors';
import { VAULT_FORMAT_VERSION } from './vault-header';

/** What one write does: the new snapshot, and the account records that change with it. */
export interface AccountChange<T> {
  /** Every account after the change (see inStoredOrder). */
  readonly snapshot: AccountSnapshot;
  /** New records; the write fails if one exists already. */
  readonly add?: readonly Account[];
  /** Records replaced, encrypted anew. */
  readonly put?: readonly Account[];
  readonly remove?: readonly string[];
  /** New places by id: only the records' clear `order` changes, nothing is encrypted anew. */
  readonly reorder?: ReadonlyMap<string, number>;
  /** What the write returns. */
  readonly result: T;
}

export interface ChangeOptions {
  /** The state the caller has just read, used for the first attempt instead of reading it again. */
  readonly known?: AccountState;
  /** How often to try when other contexts keep changing the vault meanwhile (5 by default). */
  readonly attempts?: number;
}

/**
 * The one way the vault writes accounts: computes the change from the current snapshot, encrypts
 * the snapshot and the changed records (WebCrypto cannot run inside a transaction), then writes
 * them all in ONE transaction, which first checks that the snapshot is still the one the change
 * was computed from (its nonce is fresh per write, so it is the vault's revision) and, for a
 * snapshot made from the records, that they are unchanged. Otherwise it starts again: the popup
 * and the service worker cannot overwrite each other's changes, and the snapshot and the records
 * never disagree. The first write to a format 2 vault stores its first snapshot and marks the
 * header format 3.
 */
export async function changeAccounts<T>(
  db: VaultDatabase,
  key: CryptoKey,
  change: (snapshot: AccountSnapshot) => AccountChange<T>,
  { known, attempts = 5 }: ChangeOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const state = attempt === 1 && known !== undefined ? known : await readAccountState(db, key);
    const next = change(state.snapshot);
    const [snapshot, added, put] = await Promise.all([
      sealSnapshot(key, next.snapshot),
      Promise.all((next.add ?? []).map((account) => sealAccount(key, account))),
      Promise.all((next.put ?? []).map((account) => sealAccount(key, account))),
    ]);
    const written = await runTransaction(db, ['snapshot', 'accounts', 'meta'], async (tx) => {
      const accounts = tx.objectStore('accounts');
      const meta = tx.objectStore('meta');
      if (!sameSnapshot(await tx.objectStore('snapshot').get('accounts'), state.stored)) return false;
      if (
        state.records !== undefined &&
        !sameRecords(await accounts.index('by-order').getAll(), state.records)
      ) {
        return false;
      }
      // All requests at once: one round trip, and the first failure aborts the transaction. Each is
      // handled as it is made, so the ones an abort cancels never surface as unhandled rejections.
      const requests: Promise<unknown>[] = [];
      const issue = (request: Promise<unknown>) => {
        request.catch(() => undefined);
        requests.push(request);
      };
      for (const record of added) issue(accounts.add(record));
      for (const record of put) issue(accounts.put(record));
      for (const id of next.remove ?? []) issue(accounts.delete(id));
      for (const [id, order] of next.reorder ?? []) {
        issue(
          accounts.get(id).then(async (record) => {
            if (record !== undefined && record.order !== order) await accounts.put({ ...record, order });
          }),
        );
      }
      issue(tx.objectStore('snapshot').put(snapshot, 'accounts'));
      issue(
        meta.get('header').then(async (header) => {
          if (header !== undefined && header.formatVersion < VAULT_FORMAT_VERSION) {
            await meta.put({ ...header, formatVersion: VAULT_FORMAT_VERSION }, 'header');
          }
        }),
      );
      await Promise.all(requests);
      return true;
    });
    if (written) return next.result;
    if (attempt >= attempts) throw new VaultError('The vault kept changing; the change was not applied');
  }
}

/** Sorted as the records' `by-order` index sorts them: by order, then id. */
export function inStoredOrder(accounts: readonly Account[]): Account[] {
  return [...accounts].sort((a, b) => a.order - b.order || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

function sameSnapshot(a: StoredSnapshot | undefined, b: StoredSnapshot | undefined): boolean {
  return a === undefined || b === undefined ? a === b : equalBytes(a.nonce, b.nonce);
}

function sameRecords(a: readonly StoredAccount[], b: readonly StoredAccount[]): boolean {
  return (
    a.length === b.length &&
    a.every((record, i) => {
      const other = b[i];
      return (
        other !== undefined &&
        record.id === other.id &&
        record.order === other.order &&
        equalBytes(record.nonce, other.nonce)
      );
    })
  );
}
