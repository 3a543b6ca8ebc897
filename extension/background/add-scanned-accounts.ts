import type { Account, AccountDraft } from '../otp/account';
import { accountTitle } from '../otp/account-title';
import { isSameOtp } from '../otp/same-otp';
import type { Vault } from '../vault';

export interface AddResult {
  readonly added: readonly Account[];
  /** Drafts whose secret is already in the vault: recognised, not stored twice. */
  readonly duplicates: readonly AccountDraft[];
  /**
   * How many of `added` are titled as an account that was in the list before (another secret, the
   * same "Demo Portaal: demo"): a second authenticator of the same portal, or one that replaces a
   * stale one. The rows would look alike.
   */
  readonly namesakes: number;
}

const titleKey = (account: AccountDraft) => accountTitle(account).normalize('NFKC').toLowerCase();

/** Adds scanned accounts to the vault, skipping any whose secret is already there (or earlier in the batch). */
export async function addScannedAccounts(vault: Vault, drafts: readonly AccountDraft[]): Promise<AddResult> {
  const { accounts } = await vault.list();
  const known: AccountDraft[] = [...accounts];
  const titles = new Set(accounts.map(titleKey));
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
  const namesakes = added.filter((a) => titles.has(titleKey(a))).length;
  return { added, duplicates, namesakes };
}
