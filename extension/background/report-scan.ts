import { isScanSuccess, LAST_SCAN_KEY, type LastScan } from '../last-scan';

/**
 * Keeps the outcome for the popup (session storage survives a worker restart, not a browser
 * restart), marks the toolbar icon, and opens the popup to show it where Chrome allows that.
 */
export async function reportScan(scan: LastScan): Promise<void> {
  await chrome.storage.session.set({ [LAST_SCAN_KEY]: scan });
  const ok = isScanSuccess(scan);
  await chrome.action.setBadgeBackgroundColor({ color: ok ? '#1d6b35' : '#b3261e' });
  await chrome.action.setBadgeText({ text: ok ? '✓' : '!' });
  try {
    await chrome.action.openPopup();
  } catch {
    // No focused window (or an older Chrome): the badge tells the user to open it.
  }
}
