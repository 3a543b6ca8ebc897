import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { randomBase64url } from './random-base64url';

/** A random 256-bit token for cookies (session ids, remember-browser tokens). */
export function randomToken(): string {
  return randomBase64url(32);
}

/** Tokens are stored only as their SHA-256, so a database leak gives no usable cookie. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
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
