import type { Account } from '../otp';

/** The vault's list order: pinned first, then by `order`. */
export function sortAccounts(accounts: readonly Account[]): Account[] {
  return [...accounts].sort((a, b) => Number(b.pinned) - Number(a.pinned) || a.order - b.order);
}
