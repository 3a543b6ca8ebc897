import { withoutJoiners } from '../../shared/without-joiners';
import type { AccountDraft } from '../otp/account';
import { cleanAccountNames } from '../otp/clean-account-names';
import { bytesToBase64 } from '../vault/encoding';

/**
 * One string per (secret, issuer, label): a Map lookup instead of comparing every pair of 1,000
 * accounts. The names as the vault stores them, so a file whose names carry a zero-width space is
 * recognised when imported again, and without the joiners, selectors and tags the vault keeps
 * (withoutJoiners): خانه‌ها typed without its ZWNJ is still that word.
 */
function identity(account: AccountDraft): string {
  const { issuer, label } = cleanAccountNames({ issuer: account.issuer, label: account.label });
  return JSON.stringify([bytesToBase64(account.secret), withoutJoiners(issuer), withoutJoiners(label)]);
}

/** What a draft repeats: an account in the vault (`list`), an earlier draft of the file (`file`), or nothing. */
export type DuplicateOf = false | 'list' | 'file';

/**
 * For each draft, whether it duplicates an account already in the vault or an earlier draft of
 * the same import (the same QR code pasted twice): the same secret, issuer and label.
 */
export function findDuplicates(
  drafts: readonly AccountDraft[],
  existing: readonly AccountDraft[],
): DuplicateOf[] {
  const listed = new Set(existing.map(identity));
  const earlier = new Set<string>();
  return drafts.map((draft) => {
    const key = identity(draft);
    if (listed.has(key)) return 'list';
    if (earlier.has(key)) return 'file';
    earlier.add(key);
    return false;
  });
}
