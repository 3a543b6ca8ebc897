import type { Account, AccountDraft } from '../otp';
import { requireAllowed } from '../settings/require-allowed';
import type { Vault } from '../vault';

/**
 * Stores an account whose secret was typed in: only while allowManualEntry is on, read now, where
 * it is stored (the policy may have changed since the popup drew its add button). Refused: PolicyRefusedError, and nothing is stored.
 */
export async function addManualAccount(vault: Vault, draft: AccountDraft): Promise<Account> {
  await requireAllowed('allowManualEntry');
  return vault.add(draft);
}
