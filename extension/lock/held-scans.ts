/**
 * Scans that completed while the vault was locked (it locked mid-drag, or a keyboard-started scan
 * finished after the lock): the QR code's otpauth text is kept in chrome.storage.session (memory
 * only, trusted extension contexts only: it holds secrets) until the next unlock, then stored.
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
  readonly foundOutsideSelection: boolean;
  readonly at: number;
}

/** The held scans in a stored value; anything malformed is dropped. */
export function readHeldScans(value: unknown): HeldScan[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is HeldScan =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as HeldScan).uri === 'string' &&
      /^otpauth(-migration)?:\/\//i.test((item as HeldScan).uri) &&
      typeof (item as HeldScan).foundOutsideSelection === 'boolean' &&
      typeof (item as HeldScan).at === 'number',
  );
}

/** The list with `scan` added (the oldest dropped beyond MAX_HELD_SCANS). */
export function withHeldScan(held: readonly HeldScan[], scan: HeldScan): HeldScan[] {
  return [...held, scan].slice(-MAX_HELD_SCANS);
}
