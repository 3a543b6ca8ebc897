import { keptSessionParts, rotationKeys, splitSessionKey } from '../session-key';
import type { SessionStore } from '../session-store';
import {
  type FallbackCodeRow,
  type RememberTokenRow,
  SESSION_USER_SELECT,
  type SessionRow,
  toFallbackCode,
  toRememberToken,
  toSession,
  toUser,
  type UserRow,
} from '../store-rows';
import type { PostgresDb } from './postgres-db';

/**
 * A session moved to a new id: the row gets its new validator, stage and times (one UPDATE of
 * unindexed columns: it can stay on its page), the old id's fallback code goes and its pending
 * enrollment moves along. $1 new key, $2 stage, $3 created, $4 expires, $5 auth time, $6 old key,
 * $7 the selector, $8 the old validator's hash, $9 the new one's. The second step's batched
 * decision does the same for many sessions (postgres-second-factor-statements.ts).
 */
const ROTATE = `WITH
  s AS (UPDATE sessions SET validator_hash = $9, stage = $2, created_at = $3, expires_at = $4, auth_time = $5
        WHERE selector = $7 AND validator_hash = $8
        RETURNING 1),
  f AS (DELETE FROM fallback_codes WHERE session_hash = $6 AND EXISTS (SELECT 1 FROM s)),
  p AS (UPDATE pending_enrollments SET session_hash = $1 WHERE session_hash = $6 AND EXISTS (SELECT 1 FROM s))
  SELECT count(*) AS n FROM s`;

/**
 * A login's session, stored only while the user's password hash is still $8 (LoginGuard). The
 * user's row is read FOR SHARE: a password change's UPDATE waits until this statement is done, and
 * its later statements (postgres-user-store.ts) see the session and end it; a change that came
 * first is seen here (the locked row is read again in its new version) and nothing is stored.
 */
const GUARDED_INSERT = `WITH u AS (SELECT id FROM users WHERE id = $3 AND password_hash = $8 FOR SHARE)
  INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
  SELECT $1, $2, u.id, $4, $5::bigint, $6::bigint, $7::bigint FROM u
  RETURNING 1`;

/**
 * GUARDED_INSERT, and the remember token $9 still live at $10, held the same way against
 * revocation; the token only after the user's row (`EXISTS (SELECT 1 FROM u)`), the order a
 * password change takes them in.
 */
const GUARDED_INSERT_REMEMBERED = `WITH u AS (SELECT id FROM users WHERE id = $3 AND password_hash = $8 FOR SHARE),
  t AS (SELECT 1 FROM remember_tokens
        WHERE token_hash = $9 AND user_id = $3 AND NOT revoked AND expires_at > $10
          AND EXISTS (SELECT 1 FROM u) FOR SHARE)
  INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
  SELECT $1, $2, u.id, $4, $5::bigint, $6::bigint, $7::bigint FROM u, t
  RETURNING 1`;

/**
 * Locks every session of user $1, in selector order: the first statement of a password change or
 * an authenticator removal, so they lock sessions before anything else, as the code step does
 * (session, then user: postgres-second-factor-statements.ts); another order deadlocks with a code
 * step under way.
 */
export const LOCK_USER_SESSIONS = 'SELECT 1 FROM sessions WHERE user_id = $1 ORDER BY selector FOR UPDATE';

/**
 * Revokes every remembered browser of user $1: run by a password change, an authenticator removal
 * and "Vergeet alle browsers", inside their own transactions (after LOCK_USER_SESSIONS).
 */
export const REVOKE_REMEMBER_TOKENS = 'UPDATE remember_tokens SET revoked = true WHERE user_id = $1';

/**
 * Ends every session of user $1 but the one exact key [$2, $3] (session-key.ts, keptSessionParts),
 * and with them their pending enrollments (every one of the user's but the kept key's, whose
 * session_hash is that key, joinSessionKey's selector.validatorHash; none kept when $2 is null): a
 * secret shown to a session that ended must not be confirmed or shown by a request of it already
 * under way. Sent as a statement of its own after the others of its transaction: it reads the
 * database anew, so it also ends a session stored or rotated while they waited for their locks.
 */
export const END_OTHER_SESSIONS = `WITH
  p AS (DELETE FROM pending_enrollments WHERE user_id = $1 AND session_hash IS DISTINCT FROM $2::text || '.' || $3::text)
  DELETE FROM sessions WHERE user_id = $1
    AND NOT (selector IS NOT DISTINCT FROM $2 AND validator_hash IS NOT DISTINCT FROM $3)`;

/**
 * The cap on logged-in sessions (session-cap.ts) on PostgreSQL, where logins and password
 * changes run beside it: the rows ranked for deletion are locked with SKIP LOCKED, so the purge
 * never waits for a login, a rotation or a password change (which lock a user's sessions in
 * selector order) and cannot deadlock with them; a busy row waits for the next round. Locked, a row is checked again as it is now (READ COMMITTED): one
 * that a login rotated meanwhile (a new created_at) is no longer the one ranked, and stays. `$1`
 * is the bound.
 */
export const END_FULL_SESSIONS_OVER_CAP = `WITH ranked AS (
    SELECT selector, created_at,
           row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, selector) AS rank
    FROM sessions
    WHERE stage = 'full'
      AND user_id IN (SELECT user_id FROM sessions WHERE stage = 'full' GROUP BY user_id HAVING count(*) > $1)
  ),
  doomed AS (
    SELECT s.selector FROM sessions s JOIN ranked r ON s.selector = r.selector
    WHERE r.rank > $1 AND s.stage = 'full' AND s.created_at = r.created_at
    ORDER BY s.selector
    FOR UPDATE OF s SKIP LOCKED
  )
  DELETE FROM sessions WHERE selector IN (SELECT selector FROM doomed)`;

export function postgresSessionStore(db: PostgresDb): SessionStore {
  return {
    async createSession(x, guard) {
      const { selector, validatorHash } = splitSessionKey(x.idHash);
      const values = [selector, validatorHash, x.userId, x.stage, x.createdAt, x.expiresAt, x.authTime];
      if (guard === undefined) {
        await db.query(
          `INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          values,
        );
        return true;
      }
      const remembered = guard.rememberTokenHash !== undefined;
      const rows = await db.query(remembered ? GUARDED_INSERT_REMEMBERED : GUARDED_INSERT, [
        ...values,
        guard.passwordHash,
        ...(remembered ? [guard.rememberTokenHash, guard.now] : []),
      ]);
      return rows.length === 1;
    },
    async getSession(idHash, now) {
      const { selector, validatorHash } = splitSessionKey(idHash);
      const [r] = await db.query<SessionRow>(
        'SELECT * FROM sessions WHERE selector = $1 AND validator_hash = $2 AND expires_at > $3',
        [selector, validatorHash, now],
      );
      return r ? toSession(r) : null;
    },
    async getSessionUser(idHash, now) {
      const { selector, validatorHash } = splitSessionKey(idHash);
      const [r] = await db.query<SessionRow & UserRow>(
        `${SESSION_USER_SELECT} WHERE s.selector = $1 AND s.validator_hash = $2 AND s.expires_at > $3`,
        [selector, validatorHash, now],
      );
      return r ? { session: toSession(r), user: toUser(r) } : null;
    },
    async rotateSession(oldHash, n) {
      const { selector, oldValidatorHash, nextValidatorHash } = rotationKeys(oldHash, n.idHash);
      const [r] = await db.query<{ n: number }>(ROTATE, [
        n.idHash,
        n.stage,
        n.createdAt,
        n.expiresAt,
        n.authTime,
        oldHash,
        selector,
        oldValidatorHash,
        nextValidatorHash,
      ]);
      return r?.n === 1;
    },
    async deleteSession(idHash) {
      const { selector, validatorHash } = splitSessionKey(idHash);
      await db.query(
        `WITH c AS (DELETE FROM fallback_codes WHERE session_hash = $1),
              p AS (DELETE FROM pending_enrollments WHERE session_hash = $1)
         DELETE FROM sessions WHERE selector = $2 AND validator_hash = $3`,
        [idHash, selector, validatorHash],
      );
    },

    async saveFallbackCode(c) {
      await db.query(
        `INSERT INTO fallback_codes (session_hash, channel, code_hash, expires_at, attempts) VALUES ($1, $2, $3, $4, 0)
         ON CONFLICT (session_hash) DO UPDATE SET channel = EXCLUDED.channel, code_hash = EXCLUDED.code_hash,
           expires_at = EXCLUDED.expires_at, attempts = 0`,
        [c.sessionHash, c.channel, c.codeHash, c.expiresAt],
      );
    },
    async getFallbackCode(sessionHash, now) {
      const [r] = await db.query<FallbackCodeRow>(
        'SELECT * FROM fallback_codes WHERE session_hash = $1 AND expires_at > $2',
        [sessionHash, now],
      );
      return r ? toFallbackCode(r) : null;
    },
    async consumeFallbackCode(sessionHash, codeHash, now) {
      const rows = await db.query(
        'DELETE FROM fallback_codes WHERE session_hash = $1 AND code_hash = $2 AND expires_at > $3 RETURNING 1',
        [sessionHash, codeHash, now],
      );
      return rows.length === 1;
    },
    async failFallbackCode(sessionHash, maxAttempts) {
      // One statement: the attempt that reaches the limit also expires the code, so no parallel
      // request can consume it afterwards (the purge deletes it later).
      await db.query(
        `UPDATE fallback_codes SET attempts = attempts + 1,
           expires_at = CASE WHEN attempts + 1 >= $2 THEN 0 ELSE expires_at END
         WHERE session_hash = $1`,
        [sessionHash, maxAttempts],
      );
    },
    async recordFallbackSend(userId, send, limits) {
      // The user's row is locked first, so concurrent sends count one after the other.
      return db.transaction(async (tx) => {
        const [, counted] = await Promise.all([
          tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]),
          tx.query<{ total: number; mine: number }>(
            `SELECT count(*) AS total, count(*) FILTER (WHERE client_hash = $3) AS mine
             FROM fallback_sends WHERE user_id = $1 AND sent_at > $2`,
            [userId, limits.since, send.client],
          ),
        ]);
        const [row] = counted;
        if ((row?.mine ?? 0) >= limits.perClient || (row?.total ?? 0) >= limits.perAccount) {
          await tx.rollback();
          return false;
        }
        await tx.commitWith(
          'INSERT INTO fallback_sends (user_id, sent_at, client_hash) VALUES ($1, $2, $3)',
          [userId, send.sentAt, send.client],
        );
        return true;
      });
    },
    async listFallbackSends(userId, since) {
      const rows = await db.query<{ sent_at: number; client_hash: string }>(
        'SELECT sent_at, client_hash FROM fallback_sends WHERE user_id = $1 AND sent_at > $2 ORDER BY sent_at',
        [userId, since],
      );
      return rows.map((r) => ({ sentAt: r.sent_at, client: r.client_hash }));
    },

    async saveRememberToken(t) {
      await db.query(
        'INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked) VALUES ($1, $2, $3, $4)',
        [t.tokenHash, t.userId, t.expiresAt, t.revoked],
      );
    },
    async getRememberToken(tokenHash) {
      const [r] = await db.query<RememberTokenRow>('SELECT * FROM remember_tokens WHERE token_hash = $1', [
        tokenHash,
      ]);
      return r ? toRememberToken(r) : null;
    },
    async forgetBrowsers(userId, keepSessionHash) {
      // As a password change does (postgres-user-store.ts): sessions locked first, then the tokens
      // (a login storing a remembered session holds its token FOR SHARE, so the UPDATE waits for
      // it), and the sessions ended by a statement of its own that sees such a session too.
      await db.transaction(async (tx) => {
        const held = tx.query(LOCK_USER_SESSIONS, [userId]);
        const revoked = tx.query(REVOKE_REMEMBER_TOKENS, [userId]);
        const ended = tx.commitWith(END_OTHER_SESSIONS, [userId, ...keptSessionParts(keepSessionHash)]);
        await Promise.all([held, revoked, ended]);
      });
    },
  };
}
