/**
 * The correction the user accepted for a clock that is off: milliseconds added to the computer's
 * clock for the codes. Stored in chrome.storage.local (shown in the popup while set, undoable);
 * never set without the user's click.
 */
export const CLOCK_OFFSET_KEY = 'settings.clockOffsetMs';

/** Corrections larger than a day are not a clock that drifted: ignored. */
const MAX_OFFSET_MS = 24 * 3_600_000;

export function readClockOffset(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_OFFSET_MS ? value : 0;
}
