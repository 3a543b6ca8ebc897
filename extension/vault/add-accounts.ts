import type { Account, AccountDraft } from '../otp/account';
import { distinctOrigins } from '../otp/site-origin';
import { sealAccount } from './account-record';
import { runTransaction } from './run-transaction';
import type { VaultDatabase } from './vault-db';

/** A draft as a new account: a fresh id, a copy of its secret; `order` is assigned when written. */
export function newAccount(draft: AccountDraft, createdAt: number): Account {
  return {
    ...draft,
    id: crypto.randomUUID(),
    // A copy, so a caller reusing its buffer cannot change what we return.
    secret: new Uint8Array(draft.secret),
    pinned: draft.pinned ?? false,
    ...(draft.origins === undefined ? {} : { origins: distinctOrigins(draft.origins) }),
    order: 0,
    createdAt,
  };
}

/**
 * Adds `drafts` at the end of the list, in order, all or nothing (SECURITY #36): every record is
 * encrypted first (WebCrypto cannot run inside a transaction), then all are written in ONE
 * transaction, which any failed write aborts, leaving the vault as it was.
 */
export async function addAccounts(
  db: VaultDatabase,
  vaultKey: CryptoKey,
  drafts: readonly AccountDraft[],
): Promise<Account[]> {
  const now = Date.now();
  const accounts = drafts.map((draft) => newAccount(draft, now));
  const sealed = await Promise.all(accounts.map((account) => sealAccount(vaultKey, account)));
  const first = await runTransaction(db, ['accounts'], async (tx) => {
    const last = await tx.store.index('by-order').openCursor(null, 'prev');
    const next = last === null ? 0 : last.value.order + 1;
    // All requests at once: one round trip, and the first failure aborts the transaction. Each is
    // handled as it is made, so the ones an abort cancels never surface as unhandled rejections.
    const writes: Promise<unknown>[] = [];
    for (const [i, record] of sealed.entries()) {
      const write = tx.store.add({ ...record, order: next + i });
      write.catch(() => undefined);
      writes.push(write);
    }
    await Promise.all(writes);
    return next;
  });
  return accounts.map((account, i) => ({ ...account, order: first + i }));
}
