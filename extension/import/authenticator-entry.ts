import { MAX_SECRET_LENGTH } from '../otp/decode-base32-secret';
import { bytesToBase32, hexToBytes } from './bytes';
import type { EntryCollector } from './collect-entries';
import { entryName } from './collect-entries';
import { numberText, text } from './json-fields';

/** One account as the Authenticator extension stores and exports it (its `RawOTPStorage`). */
export interface AuthenticatorEntry {
  readonly type?: unknown;
  readonly secret?: unknown;
  readonly issuer?: unknown;
  readonly account?: unknown;
  readonly algorithm?: unknown;
  readonly digits?: unknown;
  readonly period?: unknown;
  readonly counter?: unknown;
  readonly pinned?: unknown;
  readonly index?: unknown;
}

/** Its OTPAlgorithm enum: written by name in backups, by number in older ones. GOST is not supported. */
const ALGORITHMS: Record<string, string> = { '1': 'SHA1', '2': 'SHA256', '3': 'SHA512' };

/**
 * Turns one entry into a draft, the way the extension itself reads it (src/models/storage.ts,
 * `EntryStorage.import`): type `totp` by default; `hex`/`hhex` are TOTP/HOTP with a hex secret, and a
 * TOTP secret that is hex but not base32 is hex too; `battle` and `steam` (also as `blz-`/`stm-`
 * secret prefixes) are codes other than RFC 6238's and are skipped.
 */
export function addAuthenticatorEntry(entry: AuthenticatorEntry, collector: EntryCollector): void {
  const issuer = text(entry.issuer) ?? '';
  const label = text(entry.account) ?? '';
  const name = entryName(issuer, label);
  let type = (text(entry.type) ?? 'totp').toLowerCase();
  let secret = (text(entry.secret) ?? '').trim();
  if (type === 'battle' || type === 'steam' || /^(blz-|bliz-|stm-)/.test(secret)) {
    collector.reject(name, 'unsupported-type');
    return;
  }
  // Refused before the patterns below read it whole (decodeBase32Secret would refuse it anyway).
  if (secret.length > MAX_SECRET_LENGTH) {
    collector.reject(name, 'bad-secret');
    return;
  }
  const hexOnly = !/^[a-z2-7]+=*$/i.test(secret) && /^[0-9a-f]+$/i.test(secret);
  if (hexOnly && type === 'totp') type = 'hex';
  if (hexOnly && type === 'hotp') type = 'hhex';
  if (type === 'hex' || type === 'hhex') {
    const bytes = hexToBytes(secret);
    if (bytes === undefined) {
      collector.reject(name, 'bad-secret');
      return;
    }
    secret = bytesToBase32(bytes);
    type = type === 'hex' ? 'totp' : 'hotp';
  }
  const algorithmText = numberText(entry.algorithm);
  // Own keys only: "__proto__" or "constructor" from a file must not find Object.prototype's.
  const algorithm =
    algorithmText === undefined
      ? undefined
      : Object.hasOwn(ALGORITHMS, algorithmText)
        ? ALGORITHMS[algorithmText]
        : algorithmText;
  collector.add(
    {
      type,
      secret,
      issuer,
      label,
      algorithm,
      digits: numberText(entry.digits),
      period: numberText(entry.period),
      counter: type === 'hotp' ? (numberText(entry.counter) ?? '0') : undefined,
    },
    name,
    entry.pinned === true,
  );
}
