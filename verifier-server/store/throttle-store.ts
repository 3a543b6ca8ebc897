/** How the per-account code throttle counts (SECURITY #8). */
export interface ClaimLimits {
  readonly maxDelay: number;
  readonly lockAfter: number;
  /** The fallback code passes a lock (not a delay): it is how a locked user gets back in. */
  readonly ignoreLock: boolean;
}

export interface FailureOutcome {
  readonly failedAttempts: number;
  readonly throttleUntil: number;
  readonly locked: boolean;
}

/**
 * One counter of the password step: after `free` claims, each waits 1, 2, 4 … s (≤ `maxDelay`).
 * With a `window` (seconds) the count starts over when the window that began with its first
 * claim has passed, so only a rate above `free` per window is slowed.
 */
export interface LoginClaim {
  readonly keyHash: string;
  readonly free: number;
  readonly maxDelay: number;
  readonly window?: number;
}

export type LoginClaimResult = { readonly ok: true } | { readonly ok: false; readonly wait: number };

/** The growing delays (users' second-factor columns, table `login_throttle`). */
export interface ThrottleStore {
  /**
   * Claims one second-factor attempt for the account, atomically (SECURITY #8, #31): it counts as
   * a failure until an accepted code resets it, and schedules the next allowed attempt 1, 2, 4 … s
   * later; the claim that reaches `lockAfter` locks the account. Null when the account is waiting
   * or locked (`ignoreLock` lets the fallback code through a lock). Parallel attempts cannot share a slot.
   */
  claimAttempt(userId: number, now: number, limits: ClaimLimits): Promise<FailureOutcome | null>;
  /**
   * Claims one password attempt on every counter in `claims`, all or none, before the password is
   * hashed (SECURITY #30, #31): when any counter still waits, nothing is counted and the longest
   * wait is returned. A claim counts as a failure until `resetLoginAttempts`.
   */
  claimLoginAttempt(claims: readonly LoginClaim[], now: number): Promise<LoginClaimResult>;
  /** A correct password: these counters start over. */
  resetLoginAttempts(keyHashes: readonly string[]): Promise<void>;
  /** Admin or fallback: clears the lock and the failure count. */
  unlock(userId: number): Promise<void>;
}
