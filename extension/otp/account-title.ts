import type { AccountNames } from './account';

/**
 * The short title: the user's own name, else the issuer, else the label. Where the other names
 * are shown beside it (a row in the list, its details line), or a sentence names a known row.
 */
export function displayName(account: AccountNames): string {
  return account.name || account.issuer || account.label;
}

/**
 * The full title, "Demo Portaal: demo" (or whichever part exists, or the user's own name): where
 * an account is named on its own, as the scan result names what was just added or found.
 */
export function accountTitle(account: AccountNames): string {
  if (account.name) return account.name;
  return account.issuer && account.label ? `${account.issuer}: ${account.label}` : displayName(account);
}
