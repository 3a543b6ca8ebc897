import type { Account } from '../otp';

/** Accounts whose name, issuer or label contains every word of `query` (case-insensitive). */
export function filterAccounts(accounts: readonly Account[], query: string): readonly Account[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return accounts;
  return accounts.filter((account) => {
    const text = `${account.name}\n${account.issuer}\n${account.label}`.toLocaleLowerCase();
    return words.every((word) => text.includes(word));
  });
}
