import type { ClipboardCopiedReply } from '../messages';
import { OFFSCREEN_TARGET, type OffscreenMessage } from '../offscreen/offscreen-messages';

/** Only a code is ever cleared: the digits the popup copied (TOTP and HOTP have 6 to 8). */
const CODE = /^\d{6,8}$/;

export interface ClipboardClearDeps {
  /** clipboardClearSeconds in force (policy first); 0: never. */
  readonly clearSeconds: () => Promise<number>;
  /** Whether the optional clipboardRead and clipboardWrite are granted. */
  readonly permitted: () => Promise<boolean>;
  /** Hands the job to the offscreen document (created if need be). */
  readonly deliver: (message: OffscreenMessage) => Promise<void>;
  readonly now?: () => number;
}

/**
 * Decides what happens to a code the popup just copied: cleared after the configured seconds by
 * the offscreen document (which outlives the popup), or not at all, and says which, so the popup
 * can tell the user. Without the permissions nothing is cleared: reading is what makes the clear
 * safe for whatever was copied after the code.
 */
export async function scheduleClipboardClear(
  text: string,
  { clearSeconds, permitted, deliver, now = Date.now }: ClipboardClearDeps,
): Promise<ClipboardCopiedReply> {
  const seconds = await clearSeconds();
  if (seconds <= 0 || !CODE.test(text)) return { clearing: 'off' };
  if (!(await permitted())) return { clearing: 'no-permission' };
  await deliver({ target: OFFSCREEN_TARGET, type: 'clear-at', text, clearAt: now() + seconds * 1000 });
  return { clearing: 'scheduled', seconds };
}
