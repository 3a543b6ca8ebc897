import type { ActivityEvent } from '../activity/activity-event';
import { type FillCodeReply, NEXT_CODE_BELOW_MS } from '../messages';
import {
  type Account,
  type AccountSites,
  belongsToSite,
  currentCode,
  siteOrigin,
  timeRemaining,
} from '../otp';
import type { FillOutcome } from '../page-helpers';
import { passphraseMissing } from '../settings/passphrase-missing';
import { type Vault, VaultLockedError } from '../vault';

/** What a fill needs from the world; the handler passes Chrome's, tests their own. */
export interface FillDeps {
  /** Opens the vault with this browser session's key; rejects with VaultLockedError when locked. */
  openVault(): Promise<Vault>;
  /** Whether the policy `requirePassphrase` is in force (the settings as read-settings.ts reads them). */
  requirePassphrase(): Promise<boolean>;
  /** Whether the policy `fillOnlyOnAccountSites` is in force, read when asked (not when the popup opened). */
  fillOnlyOnAccountSites(): Promise<boolean>;
  /**
   * The clock for `account`'s codes filled on `site`: the computer's, plus the correction the
   * user accepted for that site (or the account's other one: clock-offset.ts).
   */
  now(account: AccountSites, site: string): number;
  wait(ms: number): Promise<void>;
  /** Runs the page's fill helper in the tab; throws when Chrome refuses the page. */
  /** Only while the tab's page is still of `site` (the page checks it when the code arrives). */
  fillPage(tabId: number, code: string, site: string): Promise<FillOutcome>;
  /** Keeps an event in the activity log (a site remembered for an account); never rejects. */
  record(event: ActivityEvent): Promise<void>;
}

export interface FillRequest {
  readonly accountId: string;
  readonly confirmed: boolean;
  readonly rememberSite?: boolean | undefined;
  /** With `confirmed`: the site the user was asked about; for any other, the user is asked again. */
  readonly confirmedSite?: string | undefined;
}

/**
 * Fills the chosen account's code into the tab (issue 12). The page learns nothing before the
 * user's choice is clear: when the tab is not one of the account's sites, nothing is injected
 * until the user confirms (SECURITY #35). A code about to expire is not filled: the next one is,
 * when it starts. Never submits; no field found → 'no-field' (the popup copies instead). While
 * the policy requires a passphrase that is not set yet, no code leaves the vault at all. Under the
 * policy fillOnlyOnAccountSites (read at this moment) a page of another site gets nothing, even
 * with the user's confirmation.
 */
export async function fillCode(
  tab: chrome.tabs.Tab | undefined,
  request: FillRequest,
  deps: FillDeps,
): Promise<FillCodeReply> {
  if (tab?.id === undefined) return { outcome: 'refused', reason: 'no-tab' };
  const site = siteOrigin(tab.url);
  if (site === undefined) return { outcome: 'refused', reason: 'forbidden' };
  let vault: Vault;
  try {
    vault = await deps.openVault();
  } catch (error) {
    return { outcome: 'refused', reason: error instanceof VaultLockedError ? 'locked' : 'failed' };
  }
  try {
    if (passphraseMissing(await deps.requirePassphrase(), vault))
      return { outcome: 'refused', reason: 'passphrase-required' };
    let account = await vault.get(request.accountId);
    if (account === undefined) return { outcome: 'refused', reason: 'not-found' };
    if (!belongsToSite(account, site)) {
      // The organisation allows no other site: nothing to confirm, confirmed or not; no site is remembered.
      if (await deps.fillOnlyOnAccountSites())
        return { outcome: 'confirm', site, accountSites: account.origins ?? [], onlyAccountSites: true };
      if (!request.confirmed || request.confirmedSite !== site) {
        return { outcome: 'confirm', site, accountSites: account.origins ?? [] };
      }
      if (request.rememberSite === true && (account.origins ?? []).length === 0) {
        account = await vault.update(account.id, { originIfNone: site });
        if (account.origins?.includes(site) === true) await deps.record({ kind: 'site-added', via: 'fill' });
      }
    }
    const code = await codeToFill(account, site, deps);
    const filled = await deps.fillPage(tab.id, code, site);
    if (filled.filled) return { outcome: 'filled' };
    // The tab moved to another site's page meanwhile: that page got nothing, and no code is copied for it.
    if (filled.reason === 'elsewhere') return { outcome: 'refused', reason: 'moved' };
    return filled.reason === 'ambiguous' ? { outcome: 'no-field', several: true } : { outcome: 'no-field' };
  } catch {
    // Never the error's text: it could name the page. Chrome refused the page, or the vault failed.
    return { outcome: 'refused', reason: 'failed' };
  } finally {
    vault.close();
  }
}

/** The code to fill now; with ≤ 3 s left, waits for the next time step and fills that code. */
async function codeToFill(account: Account, site: string, deps: FillDeps): Promise<string> {
  if (account.type === 'totp') {
    const left = timeRemaining(account, deps.now(account, site));
    if (left <= NEXT_CODE_BELOW_MS) await deps.wait(left + 50);
  }
  return currentCode(account, deps.now(account, site));
}
