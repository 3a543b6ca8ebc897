import type { LoginClaim } from './throttle-store';

/** A password-step counter as stored: failures counted, no attempt before `until`. */
export interface LoginCounter {
  readonly failures: number;
  readonly until: number;
  /** When the current window began (claims with a `window` only). */
  readonly windowStart: number;
}

/**
 * The counter as it stands at `now`: none yet, or one whose window has passed, is a fresh one.
 * Shared by every store backend, so they count alike.
 */
export function loginCounter(
  claim: LoginClaim,
  row: { failures: number; until: number; window_start: number } | undefined,
  now: number,
): LoginCounter {
  if (row === undefined || (claim.window !== undefined && now - row.window_start >= claim.window)) {
    return { failures: 0, until: 0, windowStart: now };
  }
  return { failures: row.failures, until: row.until, windowStart: row.window_start };
}

/** One more claim: beyond `free`, the next attempt waits 1, 2, 4 … s, at most `maxDelay`. */
export function countLoginFailure(claim: LoginClaim, counter: LoginCounter, now: number): LoginCounter {
  const failures = counter.failures + 1;
  const over = failures - claim.free;
  const until = over > 0 ? now + Math.min(claim.maxDelay, 2 ** Math.min(over - 1, 30)) : 0;
  return { failures, until, windowStart: counter.windowStart };
}
