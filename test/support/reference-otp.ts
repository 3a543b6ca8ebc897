import { createHmac } from 'node:crypto';

/**
 * HOTP (RFC 4226 §5.3) with node:crypto's HMAC: a computation independent of the extension's
 * code and of otpauth, to check imported accounts by their codes.
 */
export function referenceHotp(secret: Uint8Array, counter: number, algorithm = 'SHA1', digits = 6): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** TOTP (RFC 6238 §4, T0 = 0) at `now` milliseconds. */
export function referenceTotp(
  secret: Uint8Array,
  now: number,
  algorithm = 'SHA1',
  digits = 6,
  period = 30,
): string {
  return referenceHotp(secret, Math.floor(now / 1000 / period), algorithm, digits);
}
