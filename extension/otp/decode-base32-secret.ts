import { Secret } from 'otpauth/bare';
import { OtpInputError } from './otp-input-error';
import { withoutPadding } from './without-padding';

/** RFC 4226 §4 R6 requires 128 bits and recommends 160; 80 bits is the floor apps still accept. */
export const MIN_SECRET_BYTES = 10;

/**
 * Far longer than any real secret (a 512-bit key is 103 base32 characters, grouped with spaces
 * about 130), short enough that no file or form can make decoding slow: longer input is refused
 * ('long-secret') before any regular expression runs over it.
 */
export const MAX_SECRET_LENGTH = 1024;

/**
 * The most bytes MAX_SECRET_LENGTH base32 characters carry: the cap for secrets that arrive as
 * bytes (a Google Authenticator export), so every stored secret can be written out again as base32
 * and read back (our backup, the otpauth list) within MAX_SECRET_LENGTH.
 */
export const MAX_SECRET_BYTES = (MAX_SECRET_LENGTH * 5) / 8;

const BASE32 = /^[A-Z2-7]*$/;

/**
 * Decodes a base32 secret (RFC 4648 §6) leniently, as authenticator apps do: spaces and hyphens
 * (grouping for readability), lower case and `=` padding are accepted. Anything else throws.
 */
export function decodeBase32Secret(input: string): Uint8Array {
  if (input.length > MAX_SECRET_LENGTH) {
    throw new OtpInputError('long-secret', `The secret is longer than ${MAX_SECRET_LENGTH} characters`);
  }
  const text = withoutPadding(input.replace(/[\s-]/g, '').toUpperCase());
  if (text === '') throw new OtpInputError('missing-secret', 'The secret is empty');
  if (!BASE32.test(text)) {
    throw new OtpInputError('bad-base32', 'The secret contains characters outside base32 (A-Z, 2-7)');
  }
  // A base32 group of 8 characters carries 5 bytes; a trailing group of 1, 3 or 6 characters
  // cannot end on a byte boundary (RFC 4648 §6), so the text was truncated or mistyped.
  if ([1, 3, 6].includes(text.length % 8)) {
    throw new OtpInputError('bad-base32', 'The secret has an impossible base32 length');
  }
  const bytes = Secret.fromBase32(text).bytes;
  if (bytes.length < MIN_SECRET_BYTES) {
    throw new OtpInputError('short-secret', `The secret is shorter than ${MIN_SECRET_BYTES * 8} bits`);
  }
  return bytes;
}
