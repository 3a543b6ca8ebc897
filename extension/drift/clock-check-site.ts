import type { AccountSites } from '../otp';

/**
 * The page whose clock the codes must match, or undefined for none: the codes are checked by the
 * accounts' own servers, so only a page of an account's site may move them. A page of any other
 * site (a phishing copy among them) is not asked at all while some account has a site; only when
 * no account has one yet (manual or imported accounts, or none) does any web page count.
 *
 * `matched` is the popup's own answer to which accounts belong to `site` (sites-first.ts);
 * `damaged` counts records that could not be read: their sites are unknown, so with any of them
 * only a matching account's site counts.
 */
export function clockCheckSite(
  site: string | undefined,
  matched: ReadonlySet<string>,
  accounts: readonly AccountSites[],
  damaged: number,
): string | undefined {
  if (site === undefined) return undefined;
  if (matched.size > 0) return site;
  const anySites = damaged > 0 || accounts.some((account) => (account.origins ?? []).length > 0);
  return anySites ? undefined : site;
}
