import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { OtpAlgorithm } from '../../shared/otp-parameters';

/** The hashes of the algorithms an account may have (OTP_ALGORITHMS). */
const HASHES: Readonly<Record<OtpAlgorithm, typeof sha1>> = { SHA1: sha1, SHA256: sha256, SHA512: sha512 };

/**
 * The HMAC for otpauth's bare build, from the same library otpauth's full build bundles
 * (@noble/hashes), with only the hashes an account can name. The full build also carries SHA-3,
 * SHA-224 and SHA-384, which no account uses, in every popup opening. An algorithm outside
 * OTP_ALGORITHMS (the vault refuses them) throws.
 */
export function otpHmac(algorithm: string, key: Uint8Array, message: Uint8Array): Uint8Array {
  const hash = HASHES[algorithm as OtpAlgorithm];
  if (hash === undefined) throw new TypeError(`Unknown hash algorithm: ${algorithm}`);
  return hmac(hash, key, message);
}
