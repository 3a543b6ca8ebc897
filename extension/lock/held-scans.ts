import { siteOrigin } from '../otp/site-origin';

/**
 * Scans that completed while the vault was locked (it locked mid-drag, or a keyboard-started scan
 * finished after the lock): the QR code's otpauth text and the page's site are kept in
 * chrome.storage.session (memory only, trusted extension contexts only: it holds secrets) until the
 * next unlock, then stored.
 */
export const HELD_SCANS_KEY = 'lock.heldScans';

/**
 * How many scans wait, kept beside them: the locked popup reads this to say why it asks to unlock,
 * and must never read the scans themselves (SECURITY #34: nothing secret in a locked popup).
 */
export const HELD_COUNT_KEY = 'lock.heldScanCount';

/** At most this many are kept: a locked vault is not a place to pile up secrets. */
export const MAX_HELD_SCANS = 20;

export interface HeldScan {
  /** The decoded otpauth:// or otpauth-migration:// URI. */
  readonly uri: string;
  /**
   * The http(s) origin of the page scanned: the accounts stored at the unlock get it as their site,
   * as a scan stored at once does. Absent for a page without one (and in scans held before it was kept).
   */
  readonly origin?: string;
  readonly foundOutsideSelection: boolean;
  readonly at: number;
}

/**
 * The held scans in a stored value; anything malformed is dropped. A site that is not an http(s)
 * origin is dropped alone: the scan is kept (nothing read is lost) and stored without a site, so
 * filling it asks first.
 */
export function readHeldScans(value: unknown): HeldScan[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown): HeldScan[] => {
    if (typeof item !== 'object' || item === null) return [];
    const { uri, origin, foundOutsideSelection, at } = item as Record<string, unknown>;
    if (
      typeof uri !== 'string' ||
      !/^otpauth(-migration)?:\/\//i.test(uri) ||
      typeof foundOutsideSelection !== 'boolean' ||
      typeof at !== 'number'
    )
      return [];
    const site = typeof origin === 'string' && siteOrigin(origin) === origin ? origin : undefined;
    return [{ uri, ...(site === undefined ? {} : { origin: site }), foundOutsideSelection, at }];
  });
}

/** The list with `scan` added (the oldest dropped beyond MAX_HELD_SCANS). */
export function withHeldScan(held: readonly HeldScan[], scan: HeldScan): HeldScan[] {
  return [...held, scan].slice(-MAX_HELD_SCANS);
}
