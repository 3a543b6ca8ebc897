import type { Account } from './account';

/** The list order, everywhere: pinned accounts first, then by `order`. */
export function compareAccounts(a: Account, b: Account): number {
  return Number(b.pinned) - Number(a.pinned) || a.order - b.order;
}

/** A sorted copy (see compareAccounts). */
export function sortAccounts(accounts: readonly Account[]): Account[] {
  return [...accounts].sort(compareAccounts);
}
