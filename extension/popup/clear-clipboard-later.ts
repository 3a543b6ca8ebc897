import type { ClipboardCopiedReply } from '../messages';
import { sendToWorker } from '../send-to-worker';
import { chromeApi } from './chrome-api';

/**
 * Asks the worker to clear a code copied at `copiedAt` later (at once if the vault has locked
 * since); undefined outside the extension or without an answer.
 */
export async function clearClipboardLater(
  code: string,
  copiedAt: number,
): Promise<ClipboardCopiedReply | undefined> {
  const runtime = chromeApi()?.runtime;
  if (runtime === undefined) return undefined;
  return sendToWorker(runtime, { type: 'clipboard-copied', text: code, copiedAt });
}
