import { PENDING_SCAN_KEY, readPendingScan } from '../lock/pending-scan';
import { vaultLocked } from './vault-locked';

/**
 * The keyboard command while locked: nothing is lost. The tab is kept in session storage, the popup
 * opens with the unlock form saying why, and `resumePendingScan` starts the scan once unlocked.
 */
export async function scanWhenUnlocked(
  tab: chrome.tabs.Tab | undefined,
  start: (tab: chrome.tabs.Tab | undefined) => Promise<void>,
): Promise<void> {
  if (tab?.id === undefined || !(await vaultLocked())) return start(tab);
  await chrome.storage.session.set({ [PENDING_SCAN_KEY]: { tabId: tab.id, at: Date.now() } });
  try {
    await chrome.action.openPopup();
  } catch {
    // No focused window: the user opens the popup, which asks to unlock for the same reason.
  }
}

/** Called when the session key appears (unlocked): starts the scan that waited for it. */
export async function resumePendingScan(
  start: (tab: chrome.tabs.Tab | undefined) => Promise<void>,
): Promise<void> {
  const stored = (await chrome.storage.session.get(PENDING_SCAN_KEY))[PENDING_SCAN_KEY];
  await chrome.storage.session.remove(PENDING_SCAN_KEY);
  const pending = readPendingScan(stored, Date.now());
  if (pending === undefined) return;
  const tab = await chrome.tabs.get(pending.tabId).catch(() => undefined);
  await start(tab);
}
