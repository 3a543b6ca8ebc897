import type { StorageArea } from '../lock/chrome-storage';

/**
 * The correction the user accepted for a clock that is off, and the site whose clock it follows:
 * milliseconds added to the computer's clock for the codes of that site's accounts only. Stored
 * in chrome.storage.local (shown in the popup while set, undoable); never set without the user's
 * click. Bound to its site because any account's site may be asked for its clock: one that sent a
 * time ten minutes ahead must not move the portal's codes ten minutes ahead, which would make a
 * code phished now valid later.
 */
export const CLOCK_CORRECTION_KEY = 'settings.clockCorrection';
/**
 * Where a correction for every account was kept before it was bound to a site: no longer read,
 * and removed when the extension is updated (background/index.ts).
 */
export const UNBOUND_OFFSET_KEY = 'settings.clockOffsetMs';

export interface ClockCorrection {
  readonly offsetMs: number;
  /** The origin of the page that measured it (`https://portaal.example`); '' with no correction. */
  readonly site: string;
}

export const NO_CORRECTION: ClockCorrection = { offsetMs: 0, site: '' };

/** Corrections larger than a day are not a clock that drifted: ignored. */
const MAX_OFFSET_MS = 24 * 3_600_000;

export function readClockCorrection(value: unknown): ClockCorrection {
  const { offsetMs, site } = (value ?? {}) as Partial<Record<keyof ClockCorrection, unknown>>;
  return typeof offsetMs === 'number' &&
    Math.abs(offsetMs) <= MAX_OFFSET_MS &&
    typeof site === 'string' &&
    site
    ? { offsetMs, site }
    : NO_CORRECTION;
}

/** The correction for the codes of `account`: only an account of the site that measured it has one. */
export function correctionFor(
  correction: ClockCorrection,
  account: { readonly origins?: readonly string[] },
) {
  return account.origins?.includes(correction.site) ? correction.offsetMs : 0;
}

/** The correction stored in `local` (chrome.storage.local). */
export async function readStoredCorrection(local: Pick<StorageArea, 'get'>): Promise<ClockCorrection> {
  return readClockCorrection((await local.get(CLOCK_CORRECTION_KEY))[CLOCK_CORRECTION_KEY]);
}

/** Stores `correction` (NO_CORRECTION: none). */
export function writeStoredCorrection(
  local: Pick<StorageArea, 'set'>,
  correction: ClockCorrection,
): Promise<void> {
  return local.set({ [CLOCK_CORRECTION_KEY]: correction });
}
