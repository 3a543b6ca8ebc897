import { Secret } from 'otpauth/bare';
import { withoutPadding } from '../otp/without-padding';

/** Hex (any case, even length) to bytes; undefined when it is not hex. */
export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^(?:[0-9a-f]{2})*$/i.test(hex)) return undefined;
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Base32 without padding (RFC 4648 §6) through otpauth's Secret, for validation as a base32 secret. */
export function bytesToBase32(bytes: Uint8Array): string {
  return withoutPadding(new Secret({ buffer: new Uint8Array(bytes).buffer }).base32);
}

/** Standard or URL-safe base64, padding optional; undefined when it is not base64. */
export function base64ToBytesLenient(text: string): Uint8Array<ArrayBuffer> | undefined {
  const normal = withoutPadding(text.trim().replace(/-/g, '+').replace(/_/g, '/'));
  if (!/^[A-Za-z0-9+/]*$/.test(normal) || normal.length % 4 === 1) return undefined;
  const binary = atob(normal.padEnd(Math.ceil(normal.length / 4) * 4, '='));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}
