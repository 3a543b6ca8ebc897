import type { AccountNames } from '../otp/account';

/** "Demo Portaal: demo", or whichever part exists: how a scanned account is named to the user. */
export function accountTitle(account: AccountNames): string {
  if (account.name) return account.name;
  if (account.issuer && account.label) return `${account.issuer}: ${account.label}`;
  return account.issuer || account.label;
}
