import { HOTP, Secret } from 'otpauth';
import { TOTP_WINDOW, type TotpParameters } from '../../shared/otp-parameters';

/** Digits only and exactly the configured length; checked before any HMAC is computed (SECURITY #9). */
export function isWellFormedCode(code: string, digits: number): boolean {
  return code.length === digits && /^[0-9]+$/.test(code);
}

/**
 * Returns the time step (RFC 6238 §4: T = floor(unixtime / period), T0 = 0) whose code equals
 * `code` within ±TOTP_WINDOW steps, or null. otpauth compares in constant time.
 * This holds no replay state: the caller must accept the step atomically (store.acceptStep).
 */
export function matchTotpStep(
  secret: Uint8Array,
  code: string,
  parameters: TotpParameters,
  nowMs: number,
): number | null {
  if (!isWellFormedCode(code, parameters.digits)) return null;
  const counter = Math.floor(nowMs / 1000 / parameters.period);
  const delta = HOTP.validate({
    token: code,
    secret: new Secret({ buffer: new Uint8Array(secret).buffer }),
    algorithm: parameters.algorithm,
    digits: parameters.digits,
    counter,
    window: TOTP_WINDOW,
  });
  return delta === null ? null : counter + delta;
}
