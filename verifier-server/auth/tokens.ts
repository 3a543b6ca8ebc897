import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { randomBase64url } from './random-base64url';

/** A random 256-bit token for cookies (session ids, remember-browser tokens). */
export function randomToken(): string {
  return randomBase64url(32);
}

/**
 * Tokens are stored only as their SHA-256, so a database leak gives no usable cookie. Node's
 * one-shot `hash` (0.3 µs) rather than a Hash object (0.8 µs, and a native object for the
 * garbage collector to free): a verification hashes two or three tokens.
 */
export function hashToken(token: string): string {
  return hash('sha256', token, 'base64url');
}

/** A keyed hash for low-entropy values (6-digit codes) so a database leak cannot brute-force them offline. */
export function keyedHash(key: Uint8Array, ...parts: string[]): string {
  const h = createHmac('sha256', key);
  for (const p of parts) h.update(`${p.length}:${p}`, 'utf8');
  return h.digest('base64url');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
