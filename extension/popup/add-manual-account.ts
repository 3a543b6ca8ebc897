import type { Account, AccountDraft } from '../otp';
import { isSameOtp } from '../otp/same-otp';
import { requireAllowed } from '../settings/require-allowed';
import type { Vault } from '../vault';

/** The stored account, and whether it is new: a key typed in twice is stored once. */
export interface ManualAdd {
  readonly account: Account;
  readonly added: boolean;
}

/**
 * Stores an account whose secret was typed in: only while allowManualEntry is on, read now, where
 * it is stored (the policy may have changed since the popup drew its add button). Refused:
 * PolicyRefusedError, and nothing is stored. An account that gives the same codes as one in the
 * list (isSameOtp, as a scan or an import checks) is not stored again: that one is returned.
 */
export async function addManualAccount(vault: Vault, draft: AccountDraft): Promise<ManualAdd> {
  await requireAllowed('allowManualEntry');
  const same = (await vault.list()).accounts.find((account) => isSameOtp(account, draft));
  return same === undefined
    ? { account: await vault.add(draft), added: true }
    : { account: same, added: false };
}
