/**
 * What the last scan did, kept in chrome.storage.session (memory only, cleared when the browser
 * closes) so the popup can say it even if it was closed while the user dragged. Holds names and
 * ids for the popup, never a secret or a code; the content script cannot read session storage.
 */
import type { OtherQrContent } from './capture/classify-qr-text';
import type { ScanStartRefusal } from './messages';
import type { OtpInputErrorCode } from './otp/otp-input-error';

interface Outcome<S extends string> {
  readonly status: S;
  /** When it was decided, in milliseconds since the epoch. */
  readonly at: number;
}

interface Found<S extends string> extends Outcome<S> {
  /** The selection held no QR code; the one found elsewhere on the visible page was used. */
  readonly foundOutsideSelection: boolean;
}

interface Stored<S extends string> extends Found<S> {
  /** Names shown to the user: the added or duplicate accounts ("Demo Portaal: demo"). */
  readonly names: readonly string[];
  /** Accounts in a Google Authenticator export that could not be used. */
  readonly skipped: number;
  /** Of `skipped`, how many for a name too long: see ScanUnusable. */
  readonly skippedLongNames?: number;
}

/** One or more accounts were added; `ids` in the order of `names`, so they can be renamed at once. */
export interface ScanAdded extends Stored<'added'> {
  readonly ids: readonly string[];
  /**
   * The website (an origin) the new accounts were given, if any: the popup says it, since filling
   * on that site then asks no confirmation (SECURITY #35).
   */
  readonly site?: string;
  /**
   * The one account added is titled as one already in the list ("Demo Portaal: demo" twice: a
   * second authenticator of the same portal, or a new one beside a stale one): the popup asks the
   * user to give it a name of its own.
   */
  readonly namesake?: true;
}

/** Every scanned account was already in the vault. */
export interface ScanDuplicate extends Stored<'duplicate'> {
  /**
   * The website (an origin) given by this scan to those of them that had none: the same QR code
   * scanned again on its site, after a first scan that gave none (SECURITY #35: filling there
   * then asks nothing).
   */
  readonly linkedSite?: string;
}

/** A Google Authenticator export none of whose accounts can be used (`skipped` of them). */
export interface ScanUnusable extends Found<'unusable'> {
  readonly skipped: number;
  /**
   * Of `skipped`, how many for a name longer than MAX_NAME_LENGTH (the others: MD5, a too short
   * key), so the popup names the right reason. Absent when nothing was skipped, or in a result
   * stored before the reasons were counted apart: the popup then names every reason.
   */
  readonly skippedLongNames?: number;
}

/** A QR code that is not an authenticator code. */
export interface ScanNotOtp extends Found<'not-otp'> {
  readonly content: OtherQrContent;
}

/** An otpauth QR code with a defect (e.g. no secret). */
export interface ScanInvalid extends Found<'invalid'> {
  readonly error: OtpInputErrorCode;
}

/**
 * The code was read while the vault was locked: kept (in session storage) until the next unlock,
 * then stored; `count` accounts wait.
 */
export interface ScanHeld extends Found<'held'> {
  readonly count: number;
}

/**
 * A Google Authenticator export (otpauth-migration://, many accounts at once) refused because the
 * policy allowImport is off; nothing was stored or held. A single otpauth:// code is not an import.
 */
export type ScanImportOff = Found<'import-off'>;

/** The code was read, but the vault could not be opened or written (not a capture failure). */
export type ScanVaultFailed = Found<'vault-failed'>;

/** The scan could not start (the keyboard command on a page Chrome protects, no tab). */
export interface ScanNotStarted extends Outcome<'not-started'> {
  readonly reason: ScanStartRefusal;
}

/**
 * What the last scan did, one shape per status. 'no-qr': no QR code in the selection or on the
 * visible page; 'capture-failed': Chrome refused to capture the tab.
 */
export type LastScan =
  | ScanAdded
  | ScanDuplicate
  | ScanUnusable
  | ScanNotOtp
  | ScanInvalid
  | Outcome<'no-qr'>
  | Outcome<'capture-failed'>
  | ScanHeld
  | ScanImportOff
  | ScanVaultFailed
  | ScanNotStarted;

export type ScanStatus = LastScan['status'];

/** A LastScan without its time, per status. */
export type LastScanFields = LastScan extends infer S ? (S extends LastScan ? Omit<S, 'at'> : never) : never;

export const LAST_SCAN_KEY = 'lastScan';

/** The outcome `fields` describe, decided now. */
export function lastScan(fields: LastScanFields, at: number = Date.now()): LastScan {
  return { ...fields, at };
}

const STATUSES: readonly unknown[] = [
  'added',
  'duplicate',
  'unusable',
  'not-otp',
  'invalid',
  'no-qr',
  'capture-failed',
  'held',
  'import-off',
  'vault-failed',
  'not-started',
] satisfies ScanStatus[];

/**
 * Whether a stored value is a LastScan. Only the worker writes it, in this browser session
 * (session storage is cleared when the extension updates), so its tag and time are enough.
 */
export function isLastScan(value: unknown): value is LastScan {
  if (typeof value !== 'object' || value === null) return false;
  const { status, at } = value as { status?: unknown; at?: unknown };
  return STATUSES.includes(status) && typeof at === 'number';
}

/** The scan left the user with the account(s): added now, already there, or stored at the next unlock. */
export function isScanSuccess(scan: LastScan): boolean {
  return scan.status === 'added' || scan.status === 'duplicate' || scan.status === 'held';
}
