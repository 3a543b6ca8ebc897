import { splitSessionKey } from '../session-key';
import {
  type AuthenticatorRow,
  type FailureRow,
  SESSION_USER_COLUMNS,
  SESSION_USER_FROM,
  type SessionRow,
  toAuthenticator,
  toFailureOutcome,
  toSession,
  toUser,
  type UserRow,
} from '../store-rows';
import type {
  SessionSecondFactorAttempt,
  SessionSecondFactorResult,
  VerificationStore,
} from '../verification-store';
import type { PostgresDb, PostgresTx } from './postgres-db';
import { rotationCtes, rotationValues } from './postgres-session-store';
import { CLAIM_ATTEMPT } from './postgres-throttle-store';

/**
 * The first statement (sent with BEGIN): the session guard's read (a live session and its user)
 * and the chosen authenticator of that user; with `claim`, only for an account that may try now,
 * and with a lock on the session's row and the user's. The user's lock is the attempt's claim
 * (SECURITY #31): a parallel attempt on the same account waits here until this one commits, then
 * reads the failure it counted and is left out. An account that must wait is never locked, so a
 * flood of attempts on it does not queue on its row. NO KEY UPDATE: creating a session for the
 * user (a foreign key's KEY SHARE) does not wait. The session's row is locked as the rotation will
 * change its validator. $1 selector, $2 now, $3 authenticator, $4 validator hash.
 */
const open = (claim: boolean) => `SELECT ${SESSION_USER_COLUMNS}, a.id AS a_id, a.name AS a_name,
    a.secret_sealed AS a_secret_sealed, a.algorithm AS a_algorithm, a.digits AS a_digits, a.period AS a_period,
    a.last_step AS a_last_step, a.created_at AS a_created_at, a.last_used_at AS a_last_used_at
  FROM ${SESSION_USER_FROM} LEFT JOIN authenticators a ON a.id = $3 AND a.user_id = u.id
  WHERE s.selector = $1 AND s.validator_hash = $4 AND s.expires_at > $2${
    claim
      ? ` AND s.stage = 'mfa' AND u.throttle_until <= $2 AND NOT u.locked
  FOR UPDATE OF s FOR NO KEY UPDATE OF u`
      : ''
  }`;
const OPEN_CLAIMED = open(true);
/** When OPEN_CLAIMED found nothing: why (no session, the other stage, or an account that must wait). */
const OPEN_READ = open(false);

type OpenRow = SessionRow &
  UserRow & {
    a_id: string | null;
    a_name: string;
    a_secret_sealed: Buffer;
    a_algorithm: string;
    a_digits: number;
    a_period: number;
    a_last_step: number;
    a_created_at: number;
    a_last_used_at: number | null;
  };

/**
 * The last statement (sent with COMMIT). The replay guard (SECURITY #4, #5) as the one conditional
 * UPDATE … WHERE last_step < step RETURNING; only if it changed the row: the failure reset (when
 * there is one to reset), the remember token and the rotation; if not (a replay): the failure,
 * counted as CLAIM_ATTEMPT counts it. Parameters: $1–$6 and $15–$17 as rotationCtes,
 * $7 authenticator, $8 user, $9 step, $10 now, $11 remember token hash (or null), $12 its expiry,
 * $13 maxDelay, $14 lockAfter.
 */
const ACCEPT = `WITH
  a AS (UPDATE authenticators SET last_step = $9, last_used_at = $10
        WHERE id = $7 AND user_id = $8 AND last_step < $9 RETURNING 1),
  r AS (UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = false
        WHERE id = $8 AND EXISTS (SELECT 1 FROM a) AND (failed_attempts <> 0 OR throttle_until <> 0 OR locked)),
  w AS (UPDATE users SET failed_attempts = failed_attempts + 1,
          throttle_until = $10::bigint + least($13::bigint, 1::bigint << least(failed_attempts, 30)),
          locked = locked OR failed_attempts + 1 >= $14
        WHERE id = $8 AND NOT EXISTS (SELECT 1 FROM a)
        RETURNING failed_attempts, throttle_until, locked),
  t AS (INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked)
        SELECT $11, $8, $12, false WHERE $11::text IS NOT NULL AND EXISTS (SELECT 1 FROM a)),
  ${rotationCtes('a', 15)}
  SELECT (SELECT count(*) FROM a) AS accepted, w.failed_attempts, w.throttle_until, w.locked
  FROM (SELECT 1) AS one LEFT JOIN w ON true`;

type AcceptRow = { accepted: number } & { [K in keyof FailureRow]: FailureRow[K] | null };

/**
 * The second step on PostgreSQL in one transaction and two round trips: the session guard's read,
 * the lock that claims the attempt and the authenticator's read; then (the HMAC in between) the
 * acceptance or the failure, and COMMIT. Nothing is written for an unknown session or
 * authenticator, a malformed code or a refused claim (rolled back); a right code writes no
 * failure counter unless there is one to reset. The session's row is locked from the first
 * statement on, so it cannot end between the check and the rotation (no 'session-gone' here).
 */
export function postgresSessionSecondFactor(
  db: PostgresDb,
): Pick<VerificationStore, 'verifySessionSecondFactor'> {
  return {
    verifySessionSecondFactor(a: SessionSecondFactorAttempt): Promise<SessionSecondFactorResult> {
      return db.transaction(async (tx): Promise<SessionSecondFactorResult> => {
        const key = splitSessionKey(a.sessionHash);
        const values = [key.selector, a.now, a.authenticatorId, key.validatorHash];
        let [row] = await tx.query<OpenRow>(OPEN_CLAIMED, values);
        const claimed = row !== undefined;
        if (!claimed) {
          // Nothing was locked: end the transaction, then read on the same connection.
          await tx.rollback();
          [row] = await tx.query<OpenRow>(OPEN_READ, values);
        }
        const answer = async <T>(result: T): Promise<T> => (claimed ? rolledBack(tx, result) : result);
        if (!row) return { kind: 'no-session' };
        const session = toSession(row);
        if (session.stage !== 'mfa') return answer({ kind: 'other-stage', stage: session.stage });
        const user = toUser(row);
        const checked = (result: Extract<SessionSecondFactorResult, { kind: 'checked' }>['result']) =>
          ({ kind: 'checked', session, user, result }) as const;
        if (row.a_id === null) return answer(checked({ kind: 'unknown-authenticator' }));
        const authenticator = toAuthenticator(authenticatorOf(row, row.a_id));
        const prepared = a.prepare(authenticator);
        if ('refuse' in prepared)
          return answer(checked({ kind: 'not-prepared', refusal: prepared.refuse, authenticator }));
        const { maxDelay, lockAfter } = a.limits;
        // Left out by the claim: the account must wait or is locked (or was, a moment ago).
        if (!claimed)
          return checked({ kind: 'refused', locked: user.locked, throttleUntil: user.throttleUntil });
        const step = prepared.match();
        if (step === null) {
          const [counted] = await tx.commitWith<FailureRow>(CLAIM_ATTEMPT, [
            a.now,
            maxDelay,
            lockAfter,
            user.id,
            false,
          ]);
          // The row is locked and may try (OPEN_CLAIMED's condition): the claim cannot be refused.
          if (!counted) throw new Error('second step: the locked claim was refused');
          return checked({ kind: 'wrong', claim: toFailureOutcome(counted), authenticator });
        }
        const [accepted] = await tx.commitWith<AcceptRow>(ACCEPT, [
          a.next.idHash,
          'full',
          a.now,
          a.next.expiresAt,
          session.authTime,
          session.idHash,
          authenticator.id,
          user.id,
          step,
          a.now,
          a.remember?.tokenHash ?? null,
          a.remember?.expiresAt ?? null,
          maxDelay,
          lockAfter,
          ...rotationValues(session.idHash, a.next.idHash),
        ]);
        if (accepted?.accepted === 1) return checked({ kind: 'accepted', authenticator });
        if (accepted?.failed_attempts == null || accepted.throttle_until === null || accepted.locked === null)
          throw new Error('second step: a replay was not counted');
        const claim = toFailureOutcome({
          failed_attempts: accepted.failed_attempts,
          throttle_until: accepted.throttle_until,
          locked: accepted.locked,
        });
        return checked({ kind: 'replay', claim, authenticator });
      });
    },
  };
}

async function rolledBack<T>(tx: PostgresTx, result: T): Promise<T> {
  await tx.rollback();
  return result;
}

const authenticatorOf = (r: OpenRow, id: string): AuthenticatorRow => ({
  id,
  user_id: r.user_id,
  name: r.a_name,
  secret_sealed: r.a_secret_sealed,
  algorithm: r.a_algorithm,
  digits: r.a_digits,
  period: r.a_period,
  last_step: r.a_last_step,
  created_at: r.a_created_at,
  last_used_at: r.a_last_used_at,
});
