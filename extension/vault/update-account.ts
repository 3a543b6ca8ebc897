import type { Account } from '../otp/account';
import { cleanAccountNames } from '../otp/clean-account-names';
import { changeAccounts } from './change-accounts';
import { checkedOrigins } from './checked-origins';
import type { VaultDatabase } from './vault-db';
import { VaultError, VaultNotFoundError } from './vault-errors';
import type { AccountPatch } from './vault-types';

/**
 * Patches the account as the snapshot has it and writes it back, record and snapshot together
 * (see changeAccounts: a concurrent change in between makes it start again from that change).
 */
export function updateAccount(
  db: VaultDatabase,
  vaultKey: CryptoKey,
  id: string,
  patch: AccountPatch,
): Promise<Account> {
  return changeAccounts(db, vaultKey, (snapshot) => {
    const account = snapshot.accounts.find((a) => a.id === id);
    if (account === undefined) throw new VaultNotFoundError(id);
    const updated = applyPatch(account, patch);
    const accounts = snapshot.accounts.map((a) => (a.id === id ? updated : a));
    return { snapshot: { ...snapshot, accounts }, put: [updated], result: updated };
  });
}

/**
 * The websites after `patch`, as `{ origins }`, or nothing when it leaves them alone. Decided here,
 * on the account as this write finds it: a site added or removed meanwhile is kept so.
 */
function nextOrigins(account: Account, patch: AccountPatch): { origins?: string[] } {
  let origins = patch.origins === undefined ? undefined : checkedOrigins(patch.origins);
  const current = () => origins ?? account.origins ?? [];
  if (patch.originIfNone !== undefined && (account.origins ?? []).length === 0)
    origins = checkedOrigins([patch.originIfNone]);
  if (patch.addOrigin !== undefined) origins = checkedOrigins([...current(), patch.addOrigin]);
  if (patch.removeOrigin !== undefined) origins = current().filter((o) => o !== patch.removeOrigin);
  return origins === undefined ? {} : { origins };
}

function applyPatch(account: Account, patch: AccountPatch): Account {
  // A new name is held to the same rule as a new account's (add-accounts.ts): a rename is typing too.
  const renamed = cleanAccountNames({ issuer: patch.issuer, label: patch.label, name: patch.name });
  const names = {
    issuer: renamed.issuer ?? account.issuer,
    label: renamed.label ?? account.label,
    name: renamed.name ?? account.name,
    pinned: patch.pinned ?? account.pinned,
    ...nextOrigins(account, patch),
  };
  if (patch.counter === undefined) return { ...account, ...names };
  if (account.type !== 'hotp') throw new VaultError('Only a HOTP account has a counter');
  if (!Number.isSafeInteger(patch.counter) || patch.counter < 0) {
    throw new VaultError('The counter must be a whole number, 0 or more');
  }
  return { ...account, ...names, counter: patch.counter };
}
