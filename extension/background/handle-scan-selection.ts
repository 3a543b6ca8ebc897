import type { ScanSelectionMessage, ScanSelectionReply } from '../messages';
import { isScanSuccess, type LastScan, lastScan } from '../scan/last-scan';
import { captureVisibleTab } from './capture-visible-tab';
import { reportScan } from './report-scan';
import { scanSelection } from './scan-selection';

/**
 * The content script's rectangle: capture, crop, decode, store. The worker keeps no state between
 * messages (it may have been stopped while the user dragged): the message and `sender.tab` carry it.
 */
export async function handleScanSelection(
  message: ScanSelectionMessage,
  tab: chrome.tabs.Tab | undefined,
): Promise<ScanSelectionReply> {
  let scan: LastScan;
  if (tab?.windowId === undefined) return { outcome: 'failed' };
  try {
    const capture = await captureVisibleTab(tab.windowId);
    scan = await scanSelection(capture, message.rect, message.viewportWidth);
  } catch (error) {
    // Never the error text: it could name a URL or an account. Only what kind of step failed.
    console.warn('authenticator: scan failed', error instanceof Error ? error.name : 'unknown');
    scan = lastScan({ status: 'capture-failed' });
  }
  await reportScan(scan);
  return { outcome: isScanSuccess(scan) ? 'done' : 'failed' };
}
