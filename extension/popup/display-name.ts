import type { AccountNames } from '../otp';

/** The row title: the user's own name, else the issuer, else the label. */
export function displayName(account: AccountNames): string {
  return account.name || account.issuer || account.label;
}
