import type { FailureRow, SessionRow, UserRow } from '../store-rows';
import { SESSION_USER_COLUMNS } from '../store-rows';

/**
 * The second step's two statements on PostgreSQL, each for a batch of attempts (one row of
 * arrays per attempt, `unnest`ed; postgres-session-second-factor.ts gathers the batches).
 */

/**
 * The session guard's read for each attempt: its live session and user, and the chosen
 * authenticator of that user. A plain read: no transaction, no lock; WRITE_BATCH decides under locks.
 * $1 selectors, $2 validator hashes, $3 authenticator ids, $4 nows; `i` is the attempt's place (from 1).
 */
export const READ_BATCH = `SELECT q.i, ${SESSION_USER_COLUMNS}, a.id AS a_id, a.name AS a_name,
    a.secret_sealed AS a_secret_sealed, a.algorithm AS a_algorithm, a.digits AS a_digits, a.period AS a_period,
    a.last_step AS a_last_step, a.created_at AS a_created_at, a.last_used_at AS a_last_used_at
  FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[]) WITH ORDINALITY AS q(selector, validator_hash, aid, now, i)
  JOIN sessions s ON s.selector = q.selector AND s.validator_hash = q.validator_hash AND s.expires_at > q.now
  JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id
  LEFT JOIN authenticators a ON a.id = q.aid AND a.user_id = u.id`;

export type ReadRow = SessionRow &
  UserRow & {
    i: number;
    a_id: string | null;
    a_name: string;
    a_secret_sealed: Buffer;
    a_algorithm: string;
    a_digits: number;
    a_period: number;
    a_last_step: number;
    a_last_used_at: number | null;
    a_created_at: number;
  };

/** One attempt of a WRITE_BATCH, its users all different (the queue's key). */
export interface WriteItem {
  readonly userId: number;
  readonly authenticatorId: string;
  /** The step the code matched, or null for a wrong code. */
  readonly step: number | null;
  readonly selector: string;
  readonly oldValidatorHash: string;
  readonly nextValidatorHash: string;
  /** The session's store key before and after (fallback codes and pending enrollments are under it). */
  readonly oldKey: string;
  readonly nextKey: string;
  readonly expiresAt: number;
  readonly authTime: number;
  readonly rememberHash: string | null;
  readonly rememberExpiresAt: number | null;
  readonly now: number;
  readonly maxDelay: number;
  readonly lockAfter: number;
}

/** WRITE_BATCH's parameters: one array per column of WriteItem. */
export const writeValues = (items: readonly WriteItem[]): unknown[] => [
  items.map((x) => x.userId),
  items.map((x) => x.authenticatorId),
  items.map((x) => x.step),
  items.map((x) => x.selector),
  items.map((x) => x.oldValidatorHash),
  items.map((x) => x.nextValidatorHash),
  items.map((x) => x.oldKey),
  items.map((x) => x.nextKey),
  items.map((x) => x.expiresAt),
  items.map((x) => x.authTime),
  items.map((x) => x.rememberHash),
  items.map((x) => x.rememberExpiresAt),
  items.map((x) => x.now),
  items.map((x) => x.maxDelay),
  items.map((x) => x.lockAfter),
];

/**
 * Every attempt of the batch decided in ONE statement, so one transaction and one commit: for
 * each, in this order,
 * - `l` locks its session if still live, half-logged-in and under the cookie's validator (else:
 *   nothing is counted, as for an unknown session);
 * - `c` locks its user, the claim (SECURITY #8, #31): whether the account may try is read from
 *   the row as it is once locked, so an attempt decided by another statement (another batch,
 *   another instance) meanwhile is seen; users are locked in id order, sessions before users, so
 *   two batches cannot deadlock on them;
 * - `a` is the replay guard (SECURITY #4, #5), the conditional UPDATE … WHERE last_step < step,
 *   only for a claimed attempt with a matching step;
 * - only where `a` changed the row: the rotation (`s`, `f`, `p`, SECURITY #14), the failure reset
 *   (`r`, only if there is one to reset) and the remember token (`t`, SECURITY #18);
 * - for a claimed attempt that `a` did not accept (wrong, or a replay): the failure, counted as
 *   the throttle store's claim counts it (`w`).
 * Each attempt touches only its own user's rows, and the rows of different users never depend on
 * each other: a batch is as many independent attempts.
 */
const write = (skipLocked: boolean) => `WITH
  q AS MATERIALIZED (SELECT * FROM unnest($1::int[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::text[],
        $7::text[], $8::text[], $9::bigint[], $10::bigint[], $11::text[], $12::bigint[], $13::bigint[], $14::bigint[],
        $15::int[])
      AS q(user_id, aid, step, selector, old_validator, next_validator, old_key, next_key, expires_at, auth_time,
        remember_hash, remember_expires, now, max_delay, lock_after)),
  l AS MATERIALIZED (SELECT x.selector FROM sessions x JOIN q ON x.selector = q.selector
        WHERE x.validator_hash = q.old_validator AND x.user_id = q.user_id AND x.stage = 'mfa' AND x.expires_at > q.now
        ORDER BY x.selector FOR UPDATE OF x${skipLocked ? ' SKIP LOCKED' : ''}),
  c AS MATERIALIZED (SELECT u.id, u.throttle_until <= q.now AND NOT u.locked AS may, u.throttle_until, u.locked
        FROM users u JOIN q ON u.id = q.user_id WHERE q.selector IN (SELECT selector FROM l)
        ORDER BY u.id FOR NO KEY UPDATE OF u${skipLocked ? ' SKIP LOCKED' : ''}),
  a AS (UPDATE authenticators x SET last_step = q.step, last_used_at = q.now FROM q
        WHERE x.id = q.aid AND x.user_id = q.user_id AND x.last_step < q.step
          AND q.user_id IN (SELECT id FROM c WHERE may)
        RETURNING q.*),
  s AS (UPDATE sessions x SET validator_hash = a.next_validator, stage = 'full', created_at = a.now,
          expires_at = a.expires_at, auth_time = a.auth_time
        FROM a WHERE x.selector = a.selector AND x.validator_hash = a.old_validator
        RETURNING a.old_key, a.next_key),
  f AS (DELETE FROM fallback_codes WHERE session_hash IN (SELECT old_key FROM s)),
  p AS (UPDATE pending_enrollments x SET session_hash = s.next_key FROM s WHERE x.session_hash = s.old_key),
  r AS (UPDATE users x SET failed_attempts = 0, throttle_until = 0, locked = false
        WHERE x.id IN (SELECT user_id FROM a) AND (x.failed_attempts <> 0 OR x.throttle_until <> 0 OR x.locked)),
  t AS (INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked)
        SELECT remember_hash, user_id, remember_expires, false FROM a WHERE remember_hash IS NOT NULL),
  w AS (UPDATE users x SET failed_attempts = x.failed_attempts + 1,
          throttle_until = q.now + least(q.max_delay, 1::bigint << least(x.failed_attempts, 30)),
          locked = x.locked OR x.failed_attempts + 1 >= q.lock_after
        FROM q WHERE x.id = q.user_id AND q.user_id IN (SELECT id FROM c WHERE may)
          AND q.user_id NOT IN (SELECT user_id FROM a)
        RETURNING x.id, x.failed_attempts, x.throttle_until, x.locked)
  SELECT q.user_id, c.may, c.throttle_until AS held_until, c.locked AS held_locked,
    EXISTS (SELECT 1 FROM a WHERE a.user_id = q.user_id) AS accepted,
    w.failed_attempts, w.throttle_until, w.locked
  FROM q LEFT JOIN c ON c.id = q.user_id LEFT JOIN w ON w.id = q.user_id`;

/**
 * For a batch: a session or user row that another transaction holds is skipped, not waited for,
 * so a lock on one account's session or user never holds up the others of the batch; its attempt
 * comes back undecided (`may` null, as for an ended session) and is decided again with WRITE_ONE.
 */
export const WRITE_BATCH = write(true);
/** For one attempt: waits for its rows' locks (within statement_timeout). */
export const WRITE_ONE = write(false);

/**
 * What the decision says of one attempt: `may` null when its session was no longer live (or, for
 * WRITE_BATCH, its session or user row was held elsewhere: undecided).
 */
export type WriteRow = {
  user_id: number;
  may: boolean | null;
  held_until: number | null;
  held_locked: boolean | null;
  accepted: boolean;
} & { [K in keyof FailureRow]: FailureRow[K] | null };
