/**
 * What the last scan did, kept in chrome.storage.session (memory only, cleared when the browser
 * closes) so the popup can say it even if it was closed while the user dragged. Holds names and
 * ids for the popup, never a secret or a code; the content script cannot read session storage.
 */
export type ScanStatus =
  /** One or more accounts were added (ids in order). */
  | 'added'
  /** Every scanned account was already in the vault. */
  | 'duplicate'
  /** No QR code in the selection or on the visible page. */
  | 'no-qr'
  /** A QR code that is not an authenticator code (a web address, text). */
  | 'not-otp'
  /** An otpauth QR code with a defect (e.g. no secret). */
  | 'invalid'
  /** Chrome refused to capture the tab. */
  | 'capture-failed'
  /** The scan could not start (the keyboard command on a page Chrome protects); `detail` says why. */
  | 'not-started';

export interface LastScan {
  readonly status: ScanStatus;
  /** Names shown to the user: the added or duplicate accounts ("Demo Portaal: demo"). */
  readonly names: readonly string[];
  /** Ids of added accounts, so the popup can offer to rename them at once. */
  readonly ids: readonly string[];
  /** The selection held no QR code; the one found elsewhere on the visible page was used. */
  readonly foundOutsideSelection: boolean;
  /**
   * For 'not-otp': what the code holds ('url' with its host, or 'text'); for 'invalid': the error
   * code; for 'not-started': the ScanStartReply reason ('forbidden', 'no-tab', 'failed').
   */
  readonly detail: string;
  /** Accounts in a Google Authenticator export that could not be used. */
  readonly skipped: number;
  readonly at: number;
}

export const LAST_SCAN_KEY = 'lastScan';

/** A LastScan with nothing found, added or skipped unless `partial` says otherwise, made now. */
export function lastScan(partial: Partial<LastScan> & Pick<LastScan, 'status'>): LastScan {
  return {
    names: [],
    ids: [],
    foundOutsideSelection: false,
    detail: '',
    skipped: 0,
    at: Date.now(),
    ...partial,
  };
}

/** The scan left the user with the account(s): added now, or already there. */
export function isScanSuccess(scan: LastScan): boolean {
  return scan.status === 'added' || scan.status === 'duplicate';
}
