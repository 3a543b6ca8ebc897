import { Secret, TOTP } from 'otpauth';
import { DEFAULT_TOTP, type TotpParameters } from './otp-parameters';

export interface OtpauthUriInput {
  readonly issuer: string;
  /** The account name shown in apps, e.g. the username. */
  readonly account: string;
  /** The raw secret bytes. */
  readonly secret: Uint8Array;
  readonly parameters?: TotpParameters;
}

/**
 * Builds a TOTP `otpauth://` URI per the Key URI Format: the label prefix equals the
 * `issuer` parameter, spaces are %20, the secret is base32 without padding.
 */
export function buildOtpauthUri(input: OtpauthUriInput): string {
  const p = input.parameters ?? DEFAULT_TOTP;
  if (input.issuer.includes(':') || input.account.includes(':')) {
    // Key URI Format: neither issuer nor account name may contain a colon.
    throw new TypeError('issuer and account must not contain ":"');
  }
  const bytes = new Uint8Array(input.secret);
  return new TOTP({
    issuer: input.issuer,
    label: input.account,
    secret: new Secret({ buffer: bytes.buffer }),
    algorithm: p.algorithm,
    digits: p.digits,
    period: p.period,
  }).toString();
}

/** Base32 without padding (RFC 4648 §6), as shown for manual entry. */
export function toBase32(secret: Uint8Array): string {
  return new Secret({ buffer: new Uint8Array(secret).buffer }).base32.replace(/=+$/, '');
}
