/** Stable codes so the UI can show a message from `_locales` (nl, en). */
export type OtpInputErrorCode =
  | 'not-otpauth'
  | 'bad-uri'
  | 'unknown-type'
  | 'missing-secret'
  | 'bad-base32'
  /** A secret longer than MAX_SECRET_LENGTH characters. */
  | 'long-secret'
  | 'short-secret'
  | 'unknown-algorithm'
  | 'bad-digits'
  | 'bad-period'
  | 'missing-counter'
  | 'bad-counter'
  /** An issuer longer than MAX_NAME_LENGTH. */
  | 'issuer-too-long'
  /** An account name (label) or own name longer than MAX_NAME_LENGTH. */
  | 'label-too-long'
  /** An otpauth-migration:// export that cannot be decoded. */
  | 'bad-migration';

/**
 * Malformed account input: an otpauth:// URI or a manual entry. The message is for developers
 * and never contains the secret or the URI (SECURITY #26); `code` is what the UI translates.
 */
export class OtpInputError extends Error {
  override readonly name = 'OtpInputError';
  readonly code: OtpInputErrorCode;

  constructor(code: OtpInputErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
