import { countLoginFailure, type LoginCounter, loginCounter } from '../login-counter';
import { type FailureRow, type LoginCounterRow, toFailureOutcome } from '../store-rows';
import type { ClaimLimits, FailureOutcome, LoginClaim, ThrottleStore } from '../throttle-store';
import type { SqliteDb } from './sqlite-db';

/**
 * SECURITY #8, #31: the check (not waiting, not locked) and the count are one statement. The
 * growing delay 1, 2, 4 … s is `min(maxDelay, 1 << min(n, 30))` for the n-th failure before this
 * one (shifts past 30 would overflow).
 */
const CLAIM_ATTEMPT = `UPDATE users SET failed_attempts = failed_attempts + 1,
    throttle_until = ? + min(?, 1 << min(failed_attempts, 30)),
    locked = CASE WHEN failed_attempts + 1 >= ? THEN 1 ELSE locked END
  WHERE id = ? AND throttle_until <= ? AND (locked = 0 OR ?)
  RETURNING failed_attempts, throttle_until, locked`;

/** Claims one code attempt; also run inside the second step's transaction (sqlite-verification-store). */
export function claimAttemptNow(
  { statement }: SqliteDb,
  userId: number,
  now: number,
  limits: ClaimLimits,
): FailureOutcome | null {
  const { maxDelay, lockAfter, ignoreLock } = limits;
  const r = statement<FailureRow>(CLAIM_ATTEMPT).get(
    now,
    maxDelay,
    lockAfter,
    userId,
    now,
    ignoreLock ? 1 : 0,
  );
  return r ? toFailureOutcome(r) : null;
}

export function sqliteThrottleStore(shared: SqliteDb): ThrottleStore {
  const { db, statement } = shared;
  const sql = {
    loginRow: statement<LoginCounterRow>(
      'SELECT failures, until, window_start FROM login_throttle WHERE key_hash = ?',
    ),
    loginSave: statement(
      `INSERT OR REPLACE INTO login_throttle (key_hash, failures, until, last_at, window_start)
       VALUES (?, ?, ?, ?, ?)`,
    ),
    loginReset: statement('DELETE FROM login_throttle WHERE key_hash = ?'),
    unlock: statement('UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = 0 WHERE id = ?'),
  };

  // IMMEDIATE: the write lock is taken before the reads, so two processes cannot both see "no wait".
  const claimLogin = db.transaction((claims: readonly LoginClaim[], now: number) => {
    const counters = claims.map((claim) => loginCounter(claim, sql.loginRow.get(claim.keyHash), now));
    const wait = Math.max(0, ...counters.map((c) => c.until - now));
    if (wait > 0) return { ok: false as const, wait };
    for (const [i, claim] of claims.entries()) {
      const next = countLoginFailure(claim, counters[i] as LoginCounter, now);
      sql.loginSave.run(claim.keyHash, next.failures, next.until, now, next.windowStart);
    }
    return { ok: true as const };
  });

  return {
    async claimAttempt(userId, now, limits) {
      return claimAttemptNow(shared, userId, now, limits);
    },
    async claimLoginAttempt(claims, now) {
      return claimLogin.immediate(claims, now);
    },
    async resetLoginAttempts(keyHashes) {
      for (const keyHash of keyHashes) sql.loginReset.run(keyHash);
    },
    async unlock(userId) {
      sql.unlock.run(userId);
    },
  };
}
