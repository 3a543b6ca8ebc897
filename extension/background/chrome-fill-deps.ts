import { recordActivity } from '../activity/record-activity';
import { correctionFor, readStoredCorrection } from '../drift/clock-offset';
import { chromeLockStorage } from '../lock/chrome-storage';
import { loadSession } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';
import { openVault } from '../vault';
import type { FillDeps } from './fill-code';
import { runPageHelper } from './run-page-helper';

/** FillDeps from Chrome: the session's vault, the policy, the clock with its site's correction, the page helper in the tab. */
export async function chromeFillDeps(): Promise<FillDeps> {
  const storage = chromeLockStorage();
  const correction = await readStoredCorrection(storage.local);
  return {
    openVault: async () => openVault({ session: await loadSession(storage.session) }),
    requirePassphrase: async () => (await readSettings()).values.requirePassphrase,
    fillOnlyOnAccountSites: async () => (await readSettings()).values.fillOnlyOnAccountSites,
    now: (account, site) => Date.now() + correctionFor(correction, account, site),
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fillPage: (tabId, code, site) => runPageHelper(tabId, 'fillOneTimeCode', [code, site]),
    record: recordActivity,
  };
}
