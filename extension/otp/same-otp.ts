import type { OtpSettings } from './account';
import { equalBytes } from './equal-bytes';

/**
 * Two entries are the same account when they would produce the same codes: same type, algorithm,
 * digits and secret. The period and counter are not compared: a scan of an account already there
 * is a duplicate even if its stored counter has moved on.
 */
export function isSameOtp(a: OtpSettings, b: OtpSettings): boolean {
  return (
    a.type === b.type &&
    a.algorithm === b.algorithm &&
    a.digits === b.digits &&
    equalBytes(a.secret, b.secret)
  );
}
