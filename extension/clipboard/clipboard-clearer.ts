import { type ClearOutcome, type ClipboardAccess, clearIfUnchanged } from './clear-if-unchanged';

export interface ClipboardClearer {
  /** Clears `text` at `clearAt` (ms since the epoch) if it is still there; replaces any earlier one. */
  schedule(text: string, clearAt: number): void;
  /** Does the pending check now (the vault was locked); undefined when nothing was pending. */
  clearNow(): Promise<ClearOutcome | undefined>;
}

export interface ClearerDeps {
  readonly clipboard: ClipboardAccess;
  readonly now?: () => number;
  /** Told each outcome (tests; the document keeps nothing). */
  readonly onOutcome?: (outcome: ClearOutcome) => void;
}

/**
 * One pending clear at a time. A newer copy replaces the older one: the clipboard holds only the
 * newest code, and checking for the older one would find the newer and leave it there. The copied
 * code is kept only until its check, then dropped.
 */
export function createClipboardClearer({
  clipboard,
  now = Date.now,
  onOutcome,
}: ClearerDeps): ClipboardClearer {
  let pending: { readonly text: string; readonly timer: ReturnType<typeof setTimeout> } | undefined;

  async function run(): Promise<ClearOutcome | undefined> {
    const due = pending;
    pending = undefined;
    if (due === undefined) return undefined;
    clearTimeout(due.timer);
    const outcome = await clearIfUnchanged(clipboard, due.text);
    onOutcome?.(outcome);
    return outcome;
  }

  return {
    schedule(text, clearAt) {
      if (pending !== undefined) clearTimeout(pending.timer);
      pending = { text, timer: setTimeout(() => void run(), Math.max(0, clearAt - now())) };
    },
    clearNow: run,
  };
}
