/** The OTP parameters every authenticator app understands (Key URI Format defaults). */
export const OTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type OtpAlgorithm = (typeof OTP_ALGORITHMS)[number];

export interface TotpParameters {
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number;
}

/** SHA1, 6 digits, 30 s: what Google Authenticator and every other app accept (RFC 6238 §4 defaults). */
export const DEFAULT_TOTP: TotpParameters = Object.freeze({ algorithm: 'SHA1', digits: 6, period: 30 });

/** RFC 4226 R6 and NIST 800-63B: at least 160 bits. */
export const SECRET_BYTES = 20;

/** RFC 6238 §5.2: accept at most one time step of clock drift either way. */
export const TOTP_WINDOW = 1;
