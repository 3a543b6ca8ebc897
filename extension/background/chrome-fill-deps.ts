import { CLOCK_OFFSET_KEY, readClockOffset } from '../drift/clock-offset';
import { chromeLockStorage } from '../lock/chrome-storage';
import { loadSession } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';
import { openVault } from '../vault';
import type { FillDeps } from './fill-code';
import { runPageHelper } from './run-page-helper';

/** FillDeps from Chrome: the session's vault, the policy, the corrected clock, the page helper in the tab. */
export async function chromeFillDeps(): Promise<FillDeps> {
  const storage = chromeLockStorage();
  const offset = readClockOffset((await storage.local.get(CLOCK_OFFSET_KEY))[CLOCK_OFFSET_KEY]);
  return {
    openVault: async () => openVault({ session: await loadSession(storage.session) }),
    requirePassphrase: async () => (await readSettings()).values.requirePassphrase,
    fillOnlyOnAccountSites: async () => (await readSettings()).values.fillOnlyOnAccountSites,
    now: () => Date.now() + offset,
    wait: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fillPage: (tabId, code) => runPageHelper(tabId, 'fillOneTimeCode', [code]),
  };
}
