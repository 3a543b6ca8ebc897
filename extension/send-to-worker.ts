import {
  type ClipboardCopiedMessage,
  type ClipboardCopiedReply,
  type FillCodeMessage,
  type FillCodeReply,
  isReply,
  type ScanSelectionMessage,
  type ScanSelectionReply,
  type ScanStartMessage,
  type ScanStartReply,
} from './messages';

/** The one call of chrome.runtime a sender needs (chrome.runtime itself, or a test's fake). */
export interface WorkerPort {
  sendMessage(message: unknown): Promise<unknown>;
}

/**
 * Sends a message to the service worker and returns its reply, typed by the message and checked
 * as it arrives; undefined when nothing (or something else) answered.
 */
export function sendToWorker(
  port: WorkerPort,
  message: ScanStartMessage,
): Promise<ScanStartReply | undefined>;
export function sendToWorker(
  port: WorkerPort,
  message: ScanSelectionMessage,
): Promise<ScanSelectionReply | undefined>;
export function sendToWorker(port: WorkerPort, message: FillCodeMessage): Promise<FillCodeReply | undefined>;
export function sendToWorker(
  port: WorkerPort,
  message: ClipboardCopiedMessage,
): Promise<ClipboardCopiedReply | undefined>;
export async function sendToWorker(
  port: WorkerPort,
  message: ScanStartMessage | ScanSelectionMessage | FillCodeMessage | ClipboardCopiedMessage,
): Promise<ScanStartReply | ScanSelectionReply | FillCodeReply | ClipboardCopiedReply | undefined> {
  const reply = await port.sendMessage(message);
  return isReply[message.type](reply) ? reply : undefined;
}
