import type { AccountDraft } from '../otp/account';

/** The formats read, each recognised from the content. */
export type ImportFormat =
  | 'authenticator'
  | 'aegis'
  | '2fas'
  | 'bitwarden'
  | 'otpauth'
  | 'google-migration'
  | 'backup';

/**
 * Why one entry of a file was not turned into an account. The first group are parameters this
 * extension does not support (the account is skipped); the rest are entries it cannot read.
 */
export type RejectReason =
  | 'unsupported-type'
  | 'unsupported-algorithm'
  | 'unsupported-digits'
  | 'unsupported-period'
  | 'missing-secret'
  | 'bad-secret'
  | 'short-secret'
  /** An entry of a Google Authenticator export that uses MD5 or a too short secret. */
  | 'unsupported-parameter'
  /** An issuer, label or name longer than MAX_NAME_LENGTH. */
  | 'name-too-long'
  | 'bad-entry';

export const UNSUPPORTED_REASONS: ReadonlySet<RejectReason> = new Set([
  'unsupported-type',
  'unsupported-algorithm',
  'unsupported-digits',
  'unsupported-period',
  'unsupported-parameter',
  'name-too-long',
]);

/** An entry that was not imported; `name` is what the file calls it (never its secret). */
export interface RejectedEntry {
  readonly name: string;
  readonly reason: RejectReason;
}

/** Something the user should know about an otherwise readable import. */
export type ImportWarning =
  /** A Google Authenticator export spread over several QR codes, not all of which were given. */
  { readonly code: 'missing-batches'; readonly found: number; readonly expected: number };

export interface ImportResult {
  readonly format: ImportFormat;
  /** In the file's order. */
  readonly accounts: readonly AccountDraft[];
  readonly rejected: readonly RejectedEntry[];
  readonly warnings: readonly ImportWarning[];
}

/** What reading a file gives: the accounts, or a file that first needs its passphrase. */
export type ImportReading =
  | { readonly status: 'ready'; readonly result: ImportResult }
  | {
      readonly status: 'locked';
      readonly format: ImportFormat;
      /** Throws ImportError 'wrong-passphrase' (try again) or another code (give up). */
      unlock(passphrase: string): Promise<ImportResult>;
    };

/** Accounts and rejections in the file's order, as the per-format readers collect them. */
export interface ParsedEntries {
  readonly accounts: AccountDraft[];
  readonly rejected: RejectedEntry[];
}
