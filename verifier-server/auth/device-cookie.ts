import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { randomBase64url } from './random-base64url';
import { cookieOptions } from './session-cookies';

export function deviceCookieName(secure: boolean): string {
  return secure ? '__Host-device' : 'device';
}

/**
 * The signed value: a purpose tag (so no other signed cookie of this app reads as one), the user,
 * a random id naming this browser, and the end the server checks (Max-Age alone is the browser's).
 */
const VALUE = /^device1\.([1-9][0-9]{0,14})\.([A-Za-z0-9_-]{22})\.([0-9]{1,12})$/;

/** A signed value with its signature is well under this; anything longer is not read. */
const MAX_RAW = 200;

/**
 * "Device cookies" (OWASP, Slow Down Online Guessing Attacks with Device Cookies; SECURITY #19):
 * set at every completed login, re-issued at each. It names the user and this browser, signed
 * with the cookie sub-key (the same HMAC as the other signed cookies, `deriveKeys().cookies`), and
 * lasts `policy.deviceSeconds`. It is no login and no store row: it only lets this browser have a
 * fallback code sent to the user's own address under a cap of its own (fallback-routes.tsx).
 */
export function setDeviceCookie(ctx: AppContext, reply: FastifyReply, userId: number): void {
  const expiresAt = ctx.nowSeconds() + ctx.policy.deviceSeconds;
  const value = `device1.${userId}.${randomBase64url(16)}.${expiresAt}`;
  reply.setCookie(deviceCookieName(ctx.config.secureCookies), value, {
    ...cookieOptions(ctx, ctx.policy.deviceSeconds),
    signed: true,
  });
}

/**
 * The id of this browser's device cookie when it is a live one of `userId`; null for none, and
 * for a forged, malformed or expired one or another user's (treated alike: as no cookie).
 */
export function deviceIdOf(ctx: AppContext, request: FastifyRequest, userId: number): string | null {
  const raw = request.cookies[deviceCookieName(ctx.config.secureCookies)];
  if (raw === undefined || raw.length > MAX_RAW) return null;
  let value: string | null;
  try {
    const unsigned = request.unsignCookie(raw);
    value = unsigned.valid ? unsigned.value : null;
  } catch {
    return null;
  }
  const match = value === null ? null : VALUE.exec(value);
  if (!match) return null;
  const [, user, id, expiresAt] = match;
  if (Number(user) !== userId || Number(expiresAt) <= ctx.nowSeconds()) return null;
  return id ?? null;
}
