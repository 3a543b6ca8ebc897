/** Stable codes the options page translates (`_locales`); nothing is stored when one is thrown. */
export type ImportErrorCode =
  /** More than MAX_IMPORT_BYTES. */
  | 'too-large'
  /** Not a format this extension reads. */
  | 'unknown-format'
  /** A known format, but cut off, altered or otherwise malformed. */
  | 'damaged'
  /** The passphrase does not open the file. */
  | 'wrong-passphrase'
  /** Written by a newer version of the app (or of this extension) than this code reads. */
  | 'newer-version'
  /** An image file without a readable QR code in it. */
  | 'no-qr-code'
  /** A known format whose encryption this extension cannot open (e.g. an account-bound Bitwarden export). */
  | 'unsupported-encryption'
  /** More accounts than one import takes (MAX_IMPORT_ACCOUNTS). */
  | 'too-many-accounts'
  /** More password slots or key records than are tried (MAX_KEY_SLOTS): a crafted file. */
  | 'too-many-keys';

/**
 * A file or text that cannot be imported as a whole. The message is for developers and never
 * contains a secret, a passphrase or the file's content (SECURITY #26); `code` is for the UI.
 */
export class ImportError extends Error {
  override readonly name = 'ImportError';
  readonly code: ImportErrorCode;

  constructor(code: ImportErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
