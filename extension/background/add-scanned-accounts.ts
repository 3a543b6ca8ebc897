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
  /**
   * The account already in the vault without a website was given this scan's website: the same QR
   * code scanned again on its site (a first scan that missed the code and used one found elsewhere
   * on the page gave none). One with a website keeps its own.
   */
  readonly linked: boolean;
}

const titleKey = (account: AccountDraft) => accountTitle(account).normalize('NFKC').toLowerCase();

/**
 * Adds scanned accounts to the vault, skipping any whose secret is already there (or earlier in the
 * batch). `relinkSite`: the scan was of one account's own QR code (otpauth://), so its site may be
 * given to the account already there without one; never for an export of another app, whose
 * accounts have no website on purpose and may be shown on any page (found by a review).
 */
export async function addScannedAccounts(
  vault: Vault,
  drafts: readonly AccountDraft[],
  relinkSite = false,
): Promise<AddResult> {
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
  const linked = relinkSite && (await linkSite(vault, accounts, drafts));
  return { added, duplicates, namesakes, linked };
}

/** Gives the one scanned account's site to the same account in the vault, if that one has none. */
async function linkSite(
  vault: Vault,
  accounts: readonly Account[],
  drafts: readonly AccountDraft[],
): Promise<boolean> {
  const [draft] = drafts;
  const site = draft?.origins?.[0];
  if (drafts.length !== 1 || draft === undefined || site === undefined) return false;
  const siteless = accounts.find((a) => isSameOtp(a, draft) && (a.origins ?? []).length === 0);
  if (siteless === undefined) return false;
  // Decided inside the write: a website given meanwhile (a fill's "remember") is not replaced.
  const updated = await vault.update(siteless.id, { originIfNone: site });
  return updated.origins?.includes(site) === true;
}
