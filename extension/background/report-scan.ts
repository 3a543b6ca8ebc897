import { isScanSuccess, type LastScan } from '../last-scan';
import { keepScanReport } from '../lock/session-store';
import { vaultLocked } from './vault-locked';

/**
 * Keeps the outcome for the popup (session storage survives a worker restart, not a browser
 * restart), marks the toolbar icon, and opens the popup to show it where Chrome allows that.
 */
export async function reportScan(scan: LastScan): Promise<void> {
  // A lock that came while the scan stored its accounts: their names are not left behind.
  await keepScanReport(chrome.storage.session, scan, () => vaultLocked().catch(() => false));
  const ok = isScanSuccess(scan);
  await chrome.action.setBadgeBackgroundColor({ color: ok ? '#1d6b35' : '#b3261e' });
  await chrome.action.setBadgeText({ text: ok ? '✓' : '!' });
  try {
    await chrome.action.openPopup();
  } catch {
    // No focused window (or an older Chrome): the badge tells the user to open it.
  }
}
