import { countLoginFailure, loginCounter } from '../login-counter';
import { type FailureRow, type LoginCounterRow, toFailureOutcome } from '../store-rows';
import type { ThrottleStore } from '../throttle-store';
import type { PostgresDb } from './postgres-db';

/**
 * SECURITY #8, #31: the check (not waiting, not locked) and the count are one statement; a
 * concurrent claim waits for the row and re-checks it. The delay 1, 2, 4 … s is
 * `least(maxDelay, 1 << least(n, 30))` for the n-th failure before this one.
 * Parameters: now, maxDelay, lockAfter, userId, ignoreLock.
 */
const CLAIM_ATTEMPT = `UPDATE users SET failed_attempts = failed_attempts + 1,
    throttle_until = $1::bigint + least($2::bigint, 1::bigint << least(failed_attempts, 30)),
    locked = locked OR failed_attempts + 1 >= $3
  WHERE id = $4 AND throttle_until <= $1::bigint AND (NOT locked OR $5::boolean)
  RETURNING failed_attempts, throttle_until, locked`;

export function postgresThrottleStore(db: PostgresDb): ThrottleStore {
  return {
    async claimAttempt(userId, now, { maxDelay, lockAfter, ignoreLock }) {
      const [r] = await db.query<FailureRow>(CLAIM_ATTEMPT, [now, maxDelay, lockAfter, userId, ignoreLock]);
      return r ? toFailureOutcome(r) : null;
    },

    async claimLoginAttempt(claims, now) {
      // Every counter is made if missing, then locked, in one order (no deadlock between two
      // claims that share a counter), read, and written: parallel claims queue on the rows.
      const order = [...claims].sort((a, b) => (a.keyHash < b.keyHash ? -1 : a.keyHash > b.keyHash ? 1 : 0));
      const keys = order.map((c) => c.keyHash);
      return db.transaction(async (tx) => {
        const [, rows] = await Promise.all([
          tx.query(
            `INSERT INTO login_throttle (key_hash, failures, until, last_at, window_start)
             SELECT k, 0, 0, $2::bigint, $2::bigint FROM unnest($1::text[]) AS k ORDER BY k
             ON CONFLICT (key_hash) DO NOTHING`,
            [keys, now],
          ),
          tx.query<LoginCounterRow & { key_hash: string }>(
            `SELECT key_hash, failures, until, window_start FROM login_throttle
             WHERE key_hash = ANY($1::text[]) ORDER BY key_hash FOR UPDATE`,
            [keys],
          ),
        ]);
        const byKey = new Map(rows.map((r) => [r.key_hash, r]));
        const counters = order.map((claim) => loginCounter(claim, byKey.get(claim.keyHash), now));
        const wait = Math.max(0, ...counters.map((c) => c.until - now));
        if (wait > 0) {
          await tx.rollback(); // nothing counted, no counter made
          return { ok: false as const, wait };
        }
        const next = order.map((claim, i) =>
          countLoginFailure(claim, counters[i] ?? loginCounter(claim, undefined, now), now),
        );
        await tx.commitWith(
          `UPDATE login_throttle AS t SET failures = v.failures, until = v.until, last_at = $5, window_start = v.window_start
           FROM unnest($1::text[], $2::int[], $3::bigint[], $4::bigint[]) AS v(key_hash, failures, until, window_start)
           WHERE t.key_hash = v.key_hash`,
          [keys, next.map((c) => c.failures), next.map((c) => c.until), next.map((c) => c.windowStart), now],
        );
        return { ok: true as const };
      });
    },
    async resetLoginAttempts(keyHashes) {
      await db.query('DELETE FROM login_throttle WHERE key_hash = ANY($1::text[])', [[...keyHashes]]);
    },
    async unlock(userId) {
      await db.query(
        'UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = false WHERE id = $1',
        [userId],
      );
    },
  };
}
