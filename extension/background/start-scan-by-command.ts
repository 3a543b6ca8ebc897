import { lastScan } from '../last-scan';
import { injectOverlay } from './inject-overlay';
import { reportScan } from './report-scan';

/**
 * The keyboard command (Alt+Shift+S): like the popup's scan button, but with no popup open to say
 * why a scan cannot start (a page Chrome protects, no tab). That reason is reported like a scan's
 * outcome instead: a badge on the icon, and the popup says it when opened.
 */
export async function startScanByCommand(tab: chrome.tabs.Tab | undefined): Promise<void> {
  const reply = await injectOverlay(tab);
  if (!reply.ok) await reportScan(lastScan({ status: 'not-started', reason: reply.reason }));
}
