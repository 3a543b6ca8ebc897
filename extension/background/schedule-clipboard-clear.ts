import type { ClipboardCopiedReply } from '../messages';
import { OFFSCREEN_TARGET, type OffscreenMessage } from '../offscreen/offscreen-messages';

/** Only a code is ever cleared: the digits the popup copied (TOTP and HOTP have 6 to 8). */
const CODE = /^\d{6,8}$/;

export interface ClipboardClearDeps {
  /** clipboardClearSeconds in force (policy first); 0: never. */
  readonly clearSeconds: () => Promise<number>;
  /** Whether the optional clipboardRead and clipboardWrite are granted. */
  readonly permitted: () => Promise<boolean>;
  /** Hands the job to the offscreen document (created if need be); resolves once it has it. */
  readonly deliver: (message: OffscreenMessage) => Promise<void>;
  /** When the vault last locked in this browser session (clearOnLock records it); undefined: never. */
  readonly lockedAt: () => Promise<number | undefined>;
  readonly now?: () => number;
}

/**
 * Decides what happens to a code the popup just copied: cleared after the configured seconds by
 * the offscreen document (which outlives the popup), or not at all, and says which, so the popup
 * can tell the user. Without the permissions nothing is cleared: reading is what makes the clear
 * safe for whatever was copied after the code. A lock after the copy (at `copiedAt`, the popup's
 * time; by default now) clears it at once, even when the lock came before the document had it.
 */
export async function scheduleClipboardClear(
  text: string,
  { clearSeconds, permitted, deliver, lockedAt, now = Date.now }: ClipboardClearDeps,
  copiedAt?: number,
): Promise<ClipboardCopiedReply> {
  const seconds = await clearSeconds();
  if (seconds <= 0 || !CODE.test(text)) return { clearing: 'off' };
  if (!(await permitted())) return { clearing: 'no-permission' };
  const copied = Math.min(copiedAt ?? now(), now());
  await deliver({ target: OFFSCREEN_TARGET, type: 'clear-at', text, clearAt: now() + seconds * 1000 });
  // Read only now that the document has the code: a lock recorded before this read found no code
  // to clear (the document was still being made, or its clear-now overtook this clear-at), and
  // one recorded after it finds the document with the code and clears it itself.
  const locked = await lockedAt();
  if (locked !== undefined && locked >= copied)
    await deliver({ target: OFFSCREEN_TARGET, type: 'clear-now' });
  return { clearing: 'scheduled', seconds };
}
