import { splitSessionKey } from '../session-key';
import { type AuthenticatorRow, type FailureRow, toAuthenticator, toFailureOutcome } from '../store-rows';
import type { SecondFactorAttempt, SecondFactorResult, VerificationStore } from '../verification-store';
import type { PostgresDb } from './postgres-db';
import { rotationCtes, rotationValues } from './postgres-session-store';
import { CLAIM_ATTEMPT } from './postgres-throttle-store';

/**
 * The replay guard (SECURITY #4, #5) as the one conditional UPDATE … WHERE last_step < step
 * RETURNING, and, only if it changed the row, the failure reset, the rotation and the remember
 * token, all in this one statement. Parameters: $1–$6 and $13–$15 as rotationCtes, $7 authenticator,
 * $8 user, $9 step, $10 now, $11 remember token hash (or null), $12 its expiry.
 */
const ACCEPT = `WITH
  a AS (UPDATE authenticators SET last_step = $9, last_used_at = $10
        WHERE id = $7 AND user_id = $8 AND last_step < $9 RETURNING 1),
  r AS (UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = false
        WHERE id = $8 AND EXISTS (SELECT 1 FROM a)),
  t AS (INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked)
        SELECT $11, $8, $12, false WHERE $11::text IS NOT NULL AND EXISTS (SELECT 1 FROM a)),
  ${rotationCtes('a', 13)}
  SELECT count(*) AS accepted FROM a`;

/**
 * The first statement of the transaction: the chosen authenticator, the claim (parameters as
 * CLAIM_ATTEMPT: $1 now, $2 maxDelay, $3 lockAfter, $4 user, $5 ignore the lock) and a lock on
 * the session row ($8 selector, $9 validator hash), in one statement (one result to parse instead of three). The claim runs
 * whatever the authenticator turns out to be; the caller rolls it back when nothing may count.
 */
const OPEN = `WITH
  found AS (SELECT * FROM authenticators WHERE id = $6 AND user_id = $7),
  claimed AS (${CLAIM_ATTEMPT}),
  live AS (SELECT 1 FROM sessions WHERE selector = $8 AND validator_hash = $9 FOR UPDATE)
  SELECT found.*, claimed.failed_attempts AS claimed_failures, claimed.throttle_until AS claimed_until,
    claimed.locked AS claimed_locked, (SELECT count(*) FROM live) AS live
  FROM (SELECT 1) AS one LEFT JOIN found ON true LEFT JOIN claimed ON true`;

type OpenRow = Partial<AuthenticatorRow> & {
  claimed_failures: number | null;
  claimed_until: number | null;
  claimed_locked: boolean | null;
  live: number;
};

/**
 * One transaction, two round trips: BEGIN and OPEN go together; a malformed code or an unknown
 * authenticator rolls the claim back (nothing counted); else the HMAC runs while the account's
 * row is locked (a parallel attempt of the same account waits, then finds the delay running,
 * SECURITY #31); the acceptance and COMMIT go together.
 */
export function postgresVerificationStore(db: PostgresDb): Pick<VerificationStore, 'verifySecondFactor'> {
  return {
    async verifySecondFactor(a: SecondFactorAttempt): Promise<SecondFactorResult> {
      return db.transaction(async (tx): Promise<SecondFactorResult> => {
        const { maxDelay, lockAfter } = a.limits;
        const live = splitSessionKey(a.rotate.oldHash);
        const [row] = await tx.query<OpenRow>(OPEN, [
          a.now,
          maxDelay,
          lockAfter,
          a.userId,
          false,
          a.authenticatorId,
          a.userId,
          live.selector,
          live.validatorHash,
        ]);
        if (!row || row.id === undefined || row.id === null) {
          await tx.rollback();
          return { kind: 'unknown-authenticator' };
        }
        const authenticator = toAuthenticator(row as AuthenticatorRow);
        const prepared = a.prepare(authenticator);
        if ('refuse' in prepared) {
          await tx.rollback();
          return { kind: 'not-prepared', refusal: prepared.refuse, authenticator };
        }
        if (row.claimed_failures === null) {
          await tx.rollback();
          // After the transaction, on the same connection (taking another could wait for one while
          // holding this): a new statement sees what the claim that made this one wait committed.
          const [s] = await tx.query<Pick<FailureRow, 'throttle_until' | 'locked'>>(
            'SELECT throttle_until, locked FROM users WHERE id = $1',
            [a.userId],
          );
          return { kind: 'refused', locked: s?.locked === true, throttleUntil: s?.throttle_until ?? a.now };
        }
        const claim = toFailureOutcome({
          failed_attempts: row.claimed_failures,
          throttle_until: row.claimed_until ?? a.now,
          locked: row.claimed_locked === true,
        });
        const step = prepared.match();
        if (step === null) return { kind: 'wrong', claim, authenticator };
        // The session row is locked: it cannot end between this check and the rotation.
        if (row.live === 0) return { kind: 'session-gone', claim };
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
          ...rotationValues(oldHash, next.idHash),
        ]);
        return accepted?.accepted === 1
          ? { kind: 'accepted', authenticator }
          : { kind: 'replay', claim, authenticator };
      });
    },
  };
}
