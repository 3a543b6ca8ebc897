import { counterAt, currentCode, nextCode, type OtpSettings } from '../otp';
import { formatCode } from './format-code';

/** Per account (object), its formatted codes by counter: the current and next time step at most. */
const cache = new WeakMap<OtpSettings, Map<number, string>>();

/**
 * The account's code at `now` (`offset` 1: the one after it), grouped for reading, computed once
 * per counter however many times rows render it: when the popup opens, a code is computed as soon
 * as its account is decrypted and the light row, the full row that replaces it and the "next code"
 * hint reuse it. `now` does not matter for HOTP. Accounts are immutable (a change makes a new
 * object), so the object is the key.
 */
export function displayCode(account: OtpSettings, now: number, offset: 0 | 1 = 0): string {
  const counter = counterAt(account, now) + offset;
  let codes = cache.get(account);
  if (codes === undefined) {
    codes = new Map();
    cache.set(account, codes);
  }
  let code = codes.get(counter);
  if (code === undefined) {
    code = formatCode(offset === 0 ? currentCode(account, now) : nextCode(account, now));
    // Older steps are never shown again.
    for (const old of codes.keys()) if (old < counter - 1) codes.delete(old);
    codes.set(counter, code);
  }
  return code;
}
