import overlayScript from '../content/overlay.ts?script';
import type { ScanStartReply } from '../messages';

/** Pages where Chrome forbids extensions to run or capture: answered with a clear message. */
const FORBIDDEN =
  /^(chrome|chrome-extension|edge|about|view-source|devtools|chrome-search|data|file):|^https:\/\/(chromewebstore\.google\.com|chrome\.google\.com\/webstore)/i;

/**
 * Injects the drag-select overlay into a tab on demand. activeTab (granted by the toolbar click
 * or the keyboard command) allows it; the extension has no host permissions.
 */
export async function injectOverlay(tab: chrome.tabs.Tab | undefined): Promise<ScanStartReply> {
  if (tab?.id === undefined) return { ok: false, reason: 'no-tab' };
  if (tab.url !== undefined && FORBIDDEN.test(tab.url)) return { ok: false, reason: 'forbidden' };
  try {
    await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: [overlayScript] });
    return { ok: true };
  } catch {
    // E.g. the PDF viewer, an error page, or a tab the grant does not cover.
    return { ok: false, reason: 'forbidden' };
  }
}
