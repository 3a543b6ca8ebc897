import { lastScan } from '../last-scan';
import { HELD_COUNT_KEY, HELD_SCANS_KEY, readHeldScans, withHeldScan } from '../lock/held-scans';
import { loadSession } from '../lock/session-store';
import { openVault, type Vault, VaultLockedError } from '../vault';
import { reportScan } from './report-scan';
import { storeHeldScans } from './store-held-scans';
import type { HoldScan } from './store-or-hold';

/** One change of the held list at a time (a scan holding while an unlock stores them). */
async function exclusive<T>(work: () => Promise<T>): Promise<T> {
  return await navigator.locks.request('authenticator-held-scans', work);
}

/** Keeps a scan for the next unlock in chrome.storage.session (memory only, trusted contexts only). */
export const holdScanInSession: HoldScan = (scan) =>
  exclusive(async () => {
    const held = readHeldScans((await chrome.storage.session.get(HELD_SCANS_KEY))[HELD_SCANS_KEY]);
    const next = withHeldScan(held, scan);
    await chrome.storage.session.set({ [HELD_SCANS_KEY]: next, [HELD_COUNT_KEY]: next.length });
  });

/**
 * Called when the vault is unlocked: stores the scans held while it was locked and tells the user
 * as a scan's outcome does (the popup, else the badge). Locked again meanwhile: they wait on. A
 * vault that fails keeps them too, and says so.
 */
export function storeHeldScansNow(): Promise<void> {
  return exclusive(async () => {
    const held = readHeldScans((await chrome.storage.session.get(HELD_SCANS_KEY))[HELD_SCANS_KEY]);
    if (held.length === 0) return;
    const foundOutsideSelection = held.some((scan) => scan.foundOutsideSelection);
    let vault: Vault | undefined;
    try {
      vault = await openVault({ session: await loadSession(chrome.storage.session) });
      const scan = await storeHeldScans(held, vault);
      await chrome.storage.session.remove([HELD_SCANS_KEY, HELD_COUNT_KEY]);
      await reportScan(scan);
    } catch (error) {
      if (error instanceof VaultLockedError) return;
      console.warn(
        'authenticator: storing a held scan failed',
        error instanceof Error ? error.name : 'unknown',
      );
      await reportScan(lastScan({ status: 'vault-failed', foundOutsideSelection }));
    } finally {
      vault?.close();
    }
  });
}
