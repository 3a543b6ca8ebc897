import type { Account, AccountDraft } from '../otp/account';
import { isSameOtp } from '../otp/same-otp';
import type { Vault } from '../vault';

export interface AddResult {
  readonly added: readonly Account[];
  /** Drafts whose secret is already in the vault: recognised, not stored twice. */
  readonly duplicates: readonly AccountDraft[];
}

/** Adds scanned accounts to the vault, skipping any whose secret is already there (or earlier in the batch). */
export async function addScannedAccounts(vault: Vault, drafts: readonly AccountDraft[]): Promise<AddResult> {
  const { accounts } = await vault.list();
  const known: AccountDraft[] = [...accounts];
  const added: Account[] = [];
  const duplicates: AccountDraft[] = [];
  for (const draft of drafts) {
    if (known.some((k) => isSameOtp(k, draft))) {
      duplicates.push(draft);
      continue;
    }
    const account = await vault.add(draft);
    added.push(account);
    known.push(account);
  }
  return { added, duplicates };
}
