import { OTP_ALGORITHMS, type OtpAlgorithm } from '../../shared/otp-parameters';
import type { AccountDraft } from './account';
import { decodeBase32Secret } from './decode-base32-secret';
import { MAX_NAME_LENGTH } from './max-name-length';
import { OtpInputError } from './otp-input-error';

/** The longest TOTP period accepted: a day (services use 30 or 60 seconds). */
export const MAX_PERIOD_SECONDS = 86_400;

/** Account input as text, from an otpauth:// URI or the manual-entry form. Absent means default. */
export interface AccountFields {
  readonly type?: string | undefined;
  readonly secret?: string | undefined;
  readonly issuer?: string | undefined;
  readonly label?: string | undefined;
  readonly name?: string | undefined;
  readonly algorithm?: string | undefined;
  readonly digits?: string | undefined;
  readonly period?: string | undefined;
  readonly counter?: string | undefined;
}

const DIGITS = /^\d+$/;

/**
 * Validates text fields into an account draft. Defaults follow the Key URI Format
 * (SHA1, 6 digits, 30 s); a HOTP counter is required there, so it has no default.
 */
export function accountDraftFromFields(fields: AccountFields): AccountDraft {
  const type = (fields.type ?? 'totp').trim().toLowerCase();
  if (type !== 'totp' && type !== 'hotp') {
    throw new OtpInputError('unknown-type', 'The type must be totp or hotp');
  }
  if (fields.secret === undefined || fields.secret.trim() === '') {
    throw new OtpInputError('missing-secret', 'The secret is missing');
  }
  const secret = decodeBase32Secret(fields.secret);
  const algorithm = parseAlgorithm(fields.algorithm);
  const digits = parseInteger(fields.digits, 6);
  if (digits === undefined || digits < 6 || digits > 8) {
    throw new OtpInputError('bad-digits', 'Digits must be 6, 7 or 8');
  }
  const names = {
    issuer: (fields.issuer ?? '').trim(),
    label: (fields.label ?? '').trim(),
    name: (fields.name ?? '').trim(),
  };
  if (names.issuer.length > MAX_NAME_LENGTH) {
    throw new OtpInputError('issuer-too-long', `The issuer is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (names.label.length > MAX_NAME_LENGTH || names.name.length > MAX_NAME_LENGTH) {
    throw new OtpInputError('label-too-long', `The name is longer than ${MAX_NAME_LENGTH} characters`);
  }
  if (type === 'totp') {
    const period = parseInteger(fields.period, 30);
    // Up to a day: a longer "period" (a hostile QR code's 2^53 − 1) makes a code that never changes.
    if (period === undefined || period < 1 || period > MAX_PERIOD_SECONDS) {
      throw new OtpInputError('bad-period', 'The period must be a whole number of seconds, from 1 to 86400');
    }
    return { type, secret, algorithm, digits, period, ...names };
  }
  if (fields.counter === undefined || fields.counter.trim() === '') {
    throw new OtpInputError('missing-counter', 'A HOTP account needs a counter');
  }
  const counter = parseInteger(fields.counter, 0);
  if (counter === undefined) {
    throw new OtpInputError('bad-counter', 'The counter must be a whole number, 0 or more');
  }
  return { type, secret, algorithm, digits, counter, ...names };
}

function parseAlgorithm(text: string | undefined): OtpAlgorithm {
  // Lenient: "sha256" and "SHA-256" are seen in the wild.
  const normalized = (text ?? 'SHA1').trim().toUpperCase().replace('-', '');
  const found = OTP_ALGORITHMS.find((algorithm) => algorithm === normalized);
  if (found === undefined) {
    throw new OtpInputError('unknown-algorithm', 'The algorithm must be SHA1, SHA256 or SHA512');
  }
  return found;
}

/** A non-negative safe integer written in decimal digits, the default when absent, else undefined. */
function parseInteger(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined || text.trim() === '') return fallback;
  const trimmed = text.trim();
  if (!DIGITS.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) ? value : undefined;
}
