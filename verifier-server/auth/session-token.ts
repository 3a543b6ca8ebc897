import { joinSessionKey } from '../store/session-key';
import { randomBase64url } from './random-base64url';
import { hashToken, randomToken } from './tokens';

/** A selector: 128 random bits naming a session's row (not a secret on its own). */
export function randomSelector(): string {
  return randomBase64url(16);
}

/** The session cookie's value: a selector (22 characters), a dot, a 256-bit validator (43). */
const SESSION_COOKIE = /^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/;

/**
 * A new session cookie value and the key its row is stored under (store/session-key.ts). A
 * rotation passes the session's selector: the new value shares it and has a new validator.
 */
export function newSessionToken(selector = randomSelector()): { token: string; idHash: string } {
  const validator = randomToken();
  return { token: `${selector}.${validator}`, idHash: joinSessionKey(selector, hashToken(validator)) };
}

/** The key a session cookie's value names, or null if the value is not one we could have set. */
export function sessionKeyOf(cookie: string): string | null {
  const parts = SESSION_COOKIE.exec(cookie);
  return parts?.[1] === undefined || parts[2] === undefined
    ? null
    : joinSessionKey(parts[1], hashToken(parts[2]));
}
