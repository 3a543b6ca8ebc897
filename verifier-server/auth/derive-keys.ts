import { hkdfSync } from 'node:crypto';

export interface DerivedKeys {
  /** AES-256-GCM key for TOTP secrets at rest. */
  readonly secrets: Uint8Array;
  /** HMAC key for fallback-code hashes. */
  readonly fallbackCodes: Uint8Array;
  /**
   * HMAC key for the password throttle's counter names, which hold typed usernames (sometimes a
   * password typed in the wrong field) and client addresses: a database copy alone cannot test
   * guesses against them.
   */
  readonly loginThrottle: Uint8Array;
  /** Signs cookies (CSRF secret, flash messages). */
  readonly cookies: string;
  /** AES-256-GCM key for the development outbox's messages at rest. */
  readonly outbox: Uint8Array;
  /**
   * Recorded in the database by the first start (store/key-check-store.ts), so an instance with
   * another key is refused at start. Not a key: nothing is sealed or signed with it, and as HKDF
   * output it tells nothing of the master key or the other sub-keys.
   */
  readonly keyCheck: string;
}

/** One configured key, separate sub-keys per purpose (HKDF-SHA256, RFC 5869), so no key serves two algorithms. */
export function deriveKeys(master: Uint8Array): DerivedKeys {
  if (master.length !== 32) throw new RangeError('the verifier key must be exactly 32 bytes');
  const derive = (info: string) => new Uint8Array(hkdfSync('sha256', master, new Uint8Array(0), info, 32));
  return {
    secrets: derive('verifier/totp-secrets/v1'),
    fallbackCodes: derive('verifier/fallback-codes/v1'),
    loginThrottle: derive('verifier/login-throttle/v1'),
    cookies: Buffer.from(derive('verifier/cookies/v1')).toString('base64url'),
    outbox: derive('verifier/outbox/v1'),
    keyCheck: Buffer.from(derive('verifier/key-check/v1')).toString('base64url'),
  };
}
