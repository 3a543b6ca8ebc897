import { OFFSCREEN_TARGET, type OffscreenMessage } from '../offscreen/offscreen-messages';

export interface ClearOnLockDeps {
  /** Records when the vault locked (chrome.storage.session), for a copy still on its way to the document. */
  readonly markLocked: (at: number) => Promise<void>;
  /** Whether the offscreen document exists (it is made at the first copy). */
  readonly documentOpen: () => Promise<boolean>;
  readonly send: (message: OffscreenMessage) => Promise<void>;
  readonly now?: () => number;
}

/**
 * The vault locked: a copied code still on the clipboard goes now, not seconds later. The lock's
 * time is recorded first, so that a copy whose code has not reached the offscreen document yet
 * (the document is still being made, or this clear-now overtakes its clear-at) is cleared as soon
 * as it gets there (scheduleClipboardClear reads it after delivering).
 */
export async function clearOnLock({
  markLocked,
  documentOpen,
  send,
  now = Date.now,
}: ClearOnLockDeps): Promise<void> {
  await markLocked(now());
  if (!(await documentOpen())) return;
  await send({ target: OFFSCREEN_TARGET, type: 'clear-now' });
}
