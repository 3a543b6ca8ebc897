import type { Account, AccountDraft } from '../otp/account';
import { cleanAccountNames } from '../otp/clean-account-names';
import { changeAccounts } from './change-accounts';
import { checkedOrigins } from './checked-origins';
import type { VaultDatabase } from './vault-db';

/**
 * A draft as a new account: a fresh id, a copy of its secret, its names cleaned of invisible and
 * bidirectional characters (every scan, import and manual entry comes through here); `order` is
 * assigned when written.
 */
export function newAccount(draft: AccountDraft, createdAt: number): Account {
  return {
    ...cleanAccountNames(draft),
    id: crypto.randomUUID(),
    // A copy, so a caller reusing its buffer cannot change what we return.
    secret: new Uint8Array(draft.secret),
    pinned: draft.pinned ?? false,
    ...(draft.origins === undefined ? {} : { origins: checkedOrigins(draft.origins) }),
    order: 0,
    createdAt,
  };
}

/**
 * Adds `drafts` at the end of the list, in order, all or nothing (SECURITY #36): every record and
 * the snapshot are encrypted first, then all are written in ONE transaction, which any failed
 * write aborts, leaving the vault as it was.
 */
export async function addAccounts(
  db: VaultDatabase,
  vaultKey: CryptoKey,
  drafts: readonly AccountDraft[],
): Promise<Account[]> {
  const now = Date.now();
  const accounts = drafts.map((draft) => newAccount(draft, now));
  return changeAccounts(db, vaultKey, (snapshot) => {
    const next = snapshot.accounts.reduce((last, account) => Math.max(last, account.order), -1) + 1;
    const placed = accounts.map((account, i) => ({ ...account, order: next + i }));
    return {
      snapshot: { ...snapshot, accounts: [...snapshot.accounts, ...placed] },
      add: placed,
      result: placed,
    };
  });
}
