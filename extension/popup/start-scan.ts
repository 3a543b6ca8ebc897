import type { ScanStartMessage, ScanStartReply } from '../messages';

interface ChromeRuntime {
  readonly runtime?: { readonly sendMessage?: (message: unknown) => Promise<unknown> | undefined };
}

/**
 * Asks the service worker to put the drag-select overlay on the active tab (issue 4).
 * Outside the extension, where there is no `chrome.runtime`, it reports a failure.
 */
export async function startScan(): Promise<ScanStartReply> {
  const runtime = (globalThis as { chrome?: ChromeRuntime }).chrome?.runtime;
  if (typeof runtime?.sendMessage !== 'function') return { ok: false, reason: 'failed' };
  const message: ScanStartMessage = { type: 'scan-start' };
  const reply = (await runtime.sendMessage(message)) as ScanStartReply | undefined;
  return reply ?? { ok: false, reason: 'failed' };
}
