import type { ScanStartReply } from '../messages';
import { sendToWorker } from '../send-to-worker';
import { chromeApi } from './chrome-api';

/**
 * Asks the service worker to put the drag-select overlay on the active tab (issue 4).
 * Outside the extension, where there is no `chrome.runtime`, it reports a failure.
 */
export async function startScan(): Promise<ScanStartReply> {
  const runtime = chromeApi()?.runtime;
  if (runtime === undefined) return { ok: false, reason: 'failed' };
  const reply = await sendToWorker(runtime, { type: 'scan-start' });
  return reply ?? { ok: false, reason: 'failed' };
}
