import { isScanSuccess, type LastScan, lastScan } from '../last-scan';
import { loadSession } from '../lock/session-store';
import type { ScanSelectionMessage, ScanSelectionReply } from '../messages';
import { siteOrigin } from '../otp/site-origin';
import { openVault } from '../vault';
import { captureVisibleTab } from './capture-visible-tab';
import { holdScanInSession } from './held-scan-session';
import { reportScan } from './report-scan';
import { scanSelection } from './scan-selection';

/** Long enough for any stale frame to be replaced; paid only when a selection held no code. */
const RECAPTURE_DELAY_MS = 150;

/**
 * Captures the tab and runs the scan; the one place that opens and closes what the scan uses.
 * The vault is opened while Chrome captures the tab, so it is ready when the code is decoded.
 */
async function captureAndScan(
  message: ScanSelectionMessage,
  windowId: number,
  origin: string | undefined,
): Promise<LastScan> {
  // Stage marks for the scan benchmark (bench/scan-bench.ts reads them from the worker).
  performance.clearMarks();
  performance.mark('scan-received');
  // A passphrase vault opens with this browser session's key (SECURITY #34); without one (locked
  // meanwhile) what the scan reads is held for the next unlock.
  const vault = loadSession(chrome.storage.session).then((session) => openVault({ session }));
  // Awaited by the scan only when it stores something; a failure to open counts there, not here.
  vault.catch(() => undefined);
  try {
    const scanOnce = async () =>
      scanSelection(
        {
          capture: await captureVisibleTab(windowId),
          rect: message.rect,
          viewportWidth: message.viewportWidth,
          origin,
        },
        vault,
        holdScanInSession,
      );
    const first = await scanOnce();
    if (first.status !== 'no-qr') return first;
    // The overlay's last frame is drawn when requestAnimationFrame says so, but on a busy machine
    // the compositor can hand captureVisibleTab an older frame, whose box lies across the code.
    // The overlay is still up (nothing on the page has changed): look once more, a moment later.
    await new Promise((resolve) => setTimeout(resolve, RECAPTURE_DELAY_MS));
    return await scanOnce();
  } catch (error) {
    // Never the error text: it could name a URL or an account. Only what kind of step failed.
    // (Vault failures are reported by the scan itself, as 'vault-failed'.)
    console.warn('authenticator: scan failed', error instanceof Error ? error.name : 'unknown');
    return lastScan({ status: 'capture-failed' });
  } finally {
    void vault.then(
      (opened) => opened.close(),
      () => undefined,
    );
  }
}

/**
 * The content script's rectangle (or the context menu's image box): capture, crop, decode, store,
 * with the tab's site as the new accounts' site. The worker keeps no state between
 * messages (it may have been stopped while the user dragged): the message and `sender.tab` carry it.
 */
export async function handleScanSelection(
  message: ScanSelectionMessage,
  tab: chrome.tabs.Tab | undefined,
): Promise<ScanSelectionReply> {
  if (tab?.windowId === undefined) return { outcome: 'failed' };
  const scan = await captureAndScan(message, tab.windowId, siteOrigin(tab.url));
  await reportScan(scan);
  return { outcome: isScanSuccess(scan) ? 'done' : 'failed' };
}
