import type { FillNotice } from '../fill-notice';
import { belongsToSite, siteOrigin } from '../otp';
import { passphraseMissing } from '../settings/passphrase-missing';
import { VaultLockedError } from '../vault';
import { type FillDeps, fillCode } from './fill-code';

export interface CommandDeps extends FillDeps {
  /** Leaves a notice for the popup and opens it (where Chrome allows). */
  openPopup(notice: FillNotice): Promise<void>;
}

/**
 * The keyboard command (Alt+Shift+F; it grants activeTab like the toolbar): on a page with exactly
 * one account for its site, that account's code is filled. Anything else opens the popup to
 * choose (several or no accounts for the site), to unlock, or to say there was no field to fill
 * (then the popup copies the code), that the page is one Chrome protects, or that it failed. A
 * page of another site never gets a code this way: the command fills only an account that
 * belongs to the page's site (SECURITY #35). While the policy requires a passphrase that is not set
 * yet, nothing is filled: the popup opens and asks for one.
 */
export async function fillByCommand(tab: chrome.tabs.Tab | undefined, deps: CommandDeps): Promise<void> {
  const site = siteOrigin(tab?.url);
  const now = Date.now();
  // chrome://, file:, the Web Store: nothing can be filled there, whatever the accounts.
  if (tab !== undefined && site === undefined) return deps.openPopup({ reason: 'forbidden', at: now });
  let matches: string[];
  let missing: boolean;
  try {
    const vault = await deps.openVault();
    try {
      missing = passphraseMissing(await deps.requirePassphrase(), vault);
      matches = missing
        ? []
        : (await vault.list()).accounts.filter((a) => belongsToSite(a, site)).map((a) => a.id);
    } finally {
      vault.close();
    }
  } catch (error) {
    // Any other failure is said too: a shortcut that does nothing visible looks broken.
    return deps.openPopup({ reason: error instanceof VaultLockedError ? 'locked' : 'failed', at: now });
  }
  if (missing) return deps.openPopup({ reason: 'passphrase-required', at: now });
  const [only] = matches;
  if (site === undefined || matches.length !== 1 || only === undefined) {
    return deps.openPopup({ reason: 'choose', at: now });
  }
  const reply = await fillCode(tab, { accountId: only, confirmed: false }, deps);
  if (reply.outcome === 'no-field')
    return deps.openPopup({ reason: 'no-field', copyAccountId: only, site, at: now });
  // The policy arrived meanwhile: say so, as above.
  if (reply.outcome === 'refused' && reply.reason === 'passphrase-required')
    return deps.openPopup({ reason: 'passphrase-required', at: now });
  // The tab moved on to another site's page while the code was fetched, or the fill failed: said,
  // not offered as a choice.
  if (reply.outcome === 'refused' && (reply.reason === 'moved' || reply.reason === 'failed'))
    return deps.openPopup({ reason: reply.reason, at: now });
  if (reply.outcome !== 'filled') return deps.openPopup({ reason: 'choose', at: now });
}
