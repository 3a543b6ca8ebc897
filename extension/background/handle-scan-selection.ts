import { type LastScan, lastScan } from '../last-scan';
import { loadSession } from '../lock/session-store';
import type { Rect, ScanSelectionMessage, ScanSelectionReply } from '../messages';
import { siteOrigin } from '../otp/site-origin';
import { openVault } from '../vault';
import { assertStillShowing } from './assert-still-showing';
import { captureVisibleTab } from './capture-visible-tab';
import { holdScanInSession } from './held-scan-session';
import { reportScan } from './report-scan';
import { runPageHelper } from './run-page-helper';
import { scanPageOutcome } from './scan-page-outcome';
import { scanSelection } from './scan-selection';

/** Long enough for any stale frame to be replaced; paid only when a selection held no code. */
const RECAPTURE_DELAY_MS = 150;

/**
 * Whether the tab's page embeds a frame, or shows another origin's pixels in `area`, now
 * (content/page-shows-frames.ts, pageShowsForeign); a page that cannot be asked counts as one.
 */
async function showsForeignNow(tabId: number | undefined, area: Rect | null): Promise<boolean> {
  if (tabId === undefined) return true;
  return runPageHelper(tabId, 'showsForeign', [area]).then(
    (foreign) => foreign !== false,
    () => true,
  );
}

/**
 * Captures the tab and runs the scan; the one place that opens and closes what the scan uses.
 * The vault is opened while Chrome captures the tab, so it is ready when the code is decoded.
 */
async function captureAndScan(
  message: ScanSelectionMessage,
  tab: chrome.tabs.Tab & { readonly windowId: number },
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
    // The overlay's last frame is drawn when requestAnimationFrame says so, but on a busy machine
    // the compositor can hand captureVisibleTab an older frame, whose box lies across the code.
    // The overlay is still up (nothing on the page has changed): a selection that shows no code,
    // or finds it only outside itself, is looked at once more, a moment later. Two captures at
    // most (Chrome allows two a second).
    let captures = 0;
    // The page's site, unless the page embeds a frame at a capture: the overlay asked at the
    // user's release, but a page can bring a frame in at that very moment (SECURITY #33).
    let site = origin;
    const capture = async () => {
      if (captures++ > 0) await new Promise((resolve) => setTimeout(resolve, RECAPTURE_DELAY_MS));
      const shot = await captureVisibleTab(tab.windowId);
      await assertStillShowing(tab);
      if (site !== undefined && (await showsForeignNow(tab.id, message.rect))) site = undefined;
      return shot;
    };
    const scanOnce = async () =>
      scanSelection(
        {
          capture: await capture(),
          rect: message.rect,
          viewportWidth: message.viewportWidth,
          origin: () => site,
          recapture: captures < 2 ? capture : undefined,
        },
        vault,
        holdScanInSession,
      );
    const first = await scanOnce();
    if (first.status !== 'no-qr' || captures >= 2) return first;
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
 * with the tab's site as the new accounts' site unless `recordSite` is false (an image the top
 * frame does not show may be another site's). The worker keeps no state between
 * messages (it may have been stopped while the user dragged): the message and `sender.tab` carry it.
 */
export async function handleScanSelection(
  message: ScanSelectionMessage,
  tab: chrome.tabs.Tab | undefined,
  { recordSite = true }: { readonly recordSite?: boolean } = {},
): Promise<ScanSelectionReply> {
  if (tab?.windowId === undefined) return { outcome: 'failed' };
  const scan = await captureAndScan(
    message,
    { ...tab, windowId: tab.windowId },
    // The page embeds a frame (the overlay asked at the release): it may show another site's page
    // (SECURITY #33). captureAndScan asks again after each capture.
    recordSite && message.framed !== true ? siteOrigin(tab.url) : undefined,
  );
  await reportScan(scan);
  return { outcome: scanPageOutcome(scan) };
}
