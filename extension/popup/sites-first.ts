import { type Account, belongsToSite } from '../otp';

/**
 * The list with the accounts of the page's site first (issue 12), in their own order, the rest
 * after; and which ones matched. Without a site, the list as it was.
 */
export function sitesFirst(
  accounts: readonly Account[],
  site: string | undefined,
): { readonly accounts: readonly Account[]; readonly matched: ReadonlySet<string> } {
  if (site === undefined) return { accounts, matched: new Set() };
  const mine = accounts.filter((a) => belongsToSite(a, site));
  if (mine.length === 0) return { accounts, matched: new Set() };
  const rest = accounts.filter((a) => !belongsToSite(a, site));
  return { accounts: [...mine, ...rest], matched: new Set(mine.map((a) => a.id)) };
}
