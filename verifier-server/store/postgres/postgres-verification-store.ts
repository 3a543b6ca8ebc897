import { type AuthenticatorRow, type FailureRow, toAuthenticator, toFailureOutcome } from '../store-rows';
import type { SecondFactorAttempt, SecondFactorResult, VerificationStore } from '../verification-store';
import type { PostgresDb } from './postgres-db';
import { rotationCtes } from './postgres-session-store';
import { CLAIM_ATTEMPT } from './postgres-throttle-store';

/**
 * The replay guard (SECURITY #4, #5) as the one conditional UPDATE … WHERE last_step < step
 * RETURNING, and, only if it changed the row, the failure reset, the rotation and the remember
 * token, all in this one statement. Parameters: $1–$6 as rotationCtes, $7 authenticator,
 * $8 user, $9 step, $10 now, $11 remember token hash (or null), $12 its expiry.
 */
const ACCEPT = `WITH
  a AS (UPDATE authenticators SET last_step = $9, last_used_at = $10
        WHERE id = $7 AND user_id = $8 AND last_step < $9 RETURNING 1),
  r AS (UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = false
        WHERE id = $8 AND EXISTS (SELECT 1 FROM a)),
  t AS (INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked)
        SELECT $11, $8, $12, false WHERE $11::text IS NOT NULL AND EXISTS (SELECT 1 FROM a)),
  ${rotationCtes('a')}
  SELECT count(*) AS accepted FROM a`;

/**
 * One transaction, two round trips: BEGIN, the authenticator's row, the claim and a lock on the
 * session row go together. A malformed code or an unknown
 * authenticator rolls the claim back (nothing counted); else the HMAC runs while the account's
 * row is locked (a parallel attempt of the same account waits, then finds the delay running,
 * SECURITY #31); the acceptance and COMMIT go together.
 */
export function postgresVerificationStore(db: PostgresDb): VerificationStore {
  return {
    async verifySecondFactor<R>(a: SecondFactorAttempt<R>): Promise<SecondFactorResult<R>> {
      return db.transaction(async (tx): Promise<SecondFactorResult<R>> => {
        const { maxDelay, lockAfter } = a.limits;
        const [found, claimed, live] = await Promise.all([
          tx.query<AuthenticatorRow>('SELECT * FROM authenticators WHERE id = $1 AND user_id = $2', [
            a.authenticatorId,
            a.userId,
          ]),
          tx.query<FailureRow>(CLAIM_ATTEMPT, [a.now, maxDelay, lockAfter, a.userId, false]),
          tx.query('SELECT 1 FROM sessions WHERE id_hash = $1 FOR UPDATE', [a.rotate.oldHash]),
        ]);
        const [row] = found;
        if (!row) {
          await tx.rollback();
          return { kind: 'unknown-authenticator' };
        }
        const authenticator = toAuthenticator(row);
        const prepared = a.prepare(authenticator);
        if ('refuse' in prepared) {
          await tx.rollback();
          return { kind: 'not-prepared', refusal: prepared.refuse };
        }
        const [claimedRow] = claimed;
        if (!claimedRow) {
          await tx.rollback();
          // After the transaction, on the same connection (taking another could wait for one while
          // holding this): a new statement sees what the claim that made this one wait committed.
          const [s] = await tx.query<Pick<FailureRow, 'throttle_until' | 'locked'>>(
            'SELECT throttle_until, locked FROM users WHERE id = $1',
            [a.userId],
          );
          return { kind: 'refused', locked: s?.locked === true, throttleUntil: s?.throttle_until ?? a.now };
        }
        const claim = toFailureOutcome(claimedRow);
        const step = prepared.match();
        if (step === null) return { kind: 'wrong', claim, authenticator };
        // The session row is locked: it cannot end between this check and the rotation.
        if (live.length === 0) return { kind: 'session-gone', claim };
        const { next, oldHash } = a.rotate;
        const [accepted] = await tx.commitWith<{ accepted: number }>(ACCEPT, [
          next.idHash,
          next.stage,
          next.createdAt,
          next.expiresAt,
          next.authTime,
          oldHash,
          a.authenticatorId,
          a.userId,
          step,
          a.now,
          a.remember?.tokenHash ?? null,
          a.remember?.expiresAt ?? null,
        ]);
        return accepted?.accepted === 1
          ? { kind: 'accepted', authenticator }
          : { kind: 'replay', claim, authenticator };
      });
    },
  };
}
