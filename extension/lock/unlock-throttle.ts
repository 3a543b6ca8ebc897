/**
 * The wrong-passphrase delay (SECURITY #34): pure decisions over a stored state. An attempt is
 * claimed (counted as a failure) BEFORE the passphrase is checked, so closing the popup, stopping
 * the worker or restarting the browser mid-check cannot save a guess; a correct passphrase clears it.
 */
export interface ThrottleState {
  /** Consecutive wrong passphrases (claimed attempts not yet cleared by a correct one). */
  readonly failures: number;
  /** No attempt before this time (ms since the epoch). */
  readonly notBefore: number;
}

export const NO_FAILURES: ThrottleState = Object.freeze({ failures: 0, notBefore: 0 });

/** Free attempts before the delay starts: a typo or two costs nothing. */
const FREE_ATTEMPTS = 3;
const MAX_DELAY_MS = 5 * 60_000;

/** After `failures` wrong passphrases: 0 for the first three, then 1, 2, 4 … s, at most 5 minutes. */
export function delayAfter(failures: number): number {
  if (failures < FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS), MAX_DELAY_MS);
}

export type Claim =
  | { readonly allowed: true; readonly state: ThrottleState }
  | { readonly allowed: false; readonly waitMs: number };

/**
 * Claims an attempt at `now`: refused while the delay runs; otherwise the state to store before
 * checking (one more failure, and the delay that follows it).
 */
export function claimAttempt(stored: ThrottleState, now: number): Claim {
  // A clock set back must not lengthen the wait beyond one delay: cap what is left.
  const waitMs = Math.min(stored.notBefore - now, delayAfter(stored.failures));
  if (waitMs > 0) return { allowed: false, waitMs };
  const failures = stored.failures + 1;
  return { allowed: true, state: { failures, notBefore: now + delayAfter(failures) } };
}

/** Reads a stored state; anything malformed counts as the strictest state it could stand for. */
export function readThrottleState(value: unknown): ThrottleState {
  if (value === undefined) return NO_FAILURES;
  const { failures, notBefore } = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  const ok = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;
  // Tampering with the record must not reset the count: an unreadable one is a long wait.
  if (!ok(failures) || !ok(notBefore)) return { failures: 20, notBefore: Number.MAX_SAFE_INTEGER };
  return { failures: Math.floor(failures), notBefore };
}
