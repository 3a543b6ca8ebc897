import { HOTP, Secret, TOTP } from 'otpauth/bare';
import type { OtpSettings, TotpSettings } from './account';
import { otpHmac } from './otp-hmac';

/**
 * The code to show now: for TOTP the code of the time step containing `now` (RFC 6238 §4,
 * T0 = 0), for HOTP the code at the stored counter (RFC 4226 §5.3).
 * @param now milliseconds since the epoch
 */
export function currentCode(account: OtpSettings, now: number = Date.now()): string {
  return codeAt(account, 0, now);
}

/** The code after the current one: the next time step, or the next HOTP counter value. */
export function nextCode(account: OtpSettings, now: number = Date.now()): string {
  return codeAt(account, 1, now);
}

/** Milliseconds until the TOTP code changes; in (0, period * 1000]. */
export function timeRemaining(account: TotpSettings, now: number = Date.now()): number {
  return TOTP.remaining({ period: account.period, timestamp: now });
}

/** The HOTP counter of the code shown at `now`: the TOTP time step (RFC 6238 §4), or the stored counter. */
export function counterAt(account: OtpSettings, now: number): number {
  return account.type === 'totp' ? TOTP.counter({ period: account.period, timestamp: now }) : account.counter;
}

function codeAt(account: OtpSettings, offset: number, now: number): string {
  const options = {
    // A copy: otpauth keeps the buffer, and the vault may hand out views into larger buffers.
    secret: new Secret({ buffer: new Uint8Array(account.secret).buffer }),
    algorithm: account.algorithm,
    digits: account.digits,
  };
  // noble-hashes' HMAC, as otpauth's full build has it (otp-hmac.ts). A hand-written one-block
  // HMAC-SHA-1 was measured against it (bench/popup-bench.ts, docs/extension.md): faster only for
  // codes below the popup's fold.
  return HOTP.generate({ ...options, counter: counterAt(account, now) + offset, hmac: otpHmac });
}
