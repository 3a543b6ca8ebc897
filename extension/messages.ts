/**
 * The typed message contract between the popup, the content script and the service worker.
 * The content script runs inside untrusted pages: it sends a rectangle and hears only
 * "done" or "failed" — never a secret, a code or an account name (SECURITY #24).
 */
import type { Rect } from './capture/pixels';

/** Popup → worker: start a drag-select scan in the active tab. */
export interface ScanStartMessage {
  readonly type: 'scan-start';
}

/** Worker → popup: whether the overlay is up (the popup then closes so the page can be dragged). */
export type ScanStartReply =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'forbidden' | 'no-tab' | 'failed' };

/** Content → worker: the user dragged a rectangle (CSS pixels of the viewport) or chose the whole page. */
export interface ScanSelectionMessage {
  readonly type: 'scan-selection';
  /** null: scan the whole visible page (Enter in the overlay). */
  readonly rect: Rect | null;
  /** window.innerWidth when the selection was made, to scale CSS pixels to captured pixels. */
  readonly viewportWidth: number;
}

/** Worker → content: all the page's script may ever learn. */
export interface ScanSelectionReply {
  readonly outcome: 'done' | 'failed';
}

export type WorkerMessage = ScanStartMessage | ScanSelectionMessage;

export function isWorkerMessage(value: unknown): value is WorkerMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'scan-start' || type === 'scan-selection';
}
