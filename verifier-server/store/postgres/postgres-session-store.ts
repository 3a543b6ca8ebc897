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
 * What moving a session to a new id implies, as CTEs guarded by `$guard` (a CTE that returned a
 * row): the row gets its new id, stage and times (one UPDATE), the old id's fallback code goes and
 * its pending enrollment moves along. Parameters: $1 new id, $2 stage, $3 created, $4 expires,
 * $5 auth time, $6 old id. Also used by the second step's transaction (postgres-verification-store).
 */
export const rotationCtes = (guard: string) => `
  s AS (UPDATE sessions SET id_hash = $1, stage = $2, created_at = $3, expires_at = $4, auth_time = $5
        WHERE id_hash = $6 AND EXISTS (SELECT 1 FROM ${guard}) RETURNING 1),
  f AS (DELETE FROM fallback_codes WHERE session_hash = $6 AND EXISTS (SELECT 1 FROM s)),
  p AS (UPDATE pending_enrollments SET session_hash = $1 WHERE session_hash = $6 AND EXISTS (SELECT 1 FROM s))`;

export function postgresSessionStore(db: PostgresDb): SessionStore {
  return {
    async createSession(x) {
      await db.query(
        'INSERT INTO sessions (id_hash, user_id, stage, created_at, expires_at, auth_time) VALUES ($1, $2, $3, $4, $5, $6)',
        [x.idHash, x.userId, x.stage, x.createdAt, x.expiresAt, x.authTime],
      );
    },
    async getSession(idHash, now) {
      const [r] = await db.query<SessionRow>(
        'SELECT * FROM sessions WHERE id_hash = $1 AND expires_at > $2',
        [idHash, now],
      );
      return r ? toSession(r) : null;
    },
    async getSessionUser(idHash, now) {
      const [r] = await db.query<SessionRow & UserRow>(
        `${SESSION_USER_SELECT} WHERE s.id_hash = $1 AND s.expires_at > $2`,
        [idHash, now],
      );
      return r ? { session: toSession(r), user: toUser(r) } : null;
    },
    async rotateSession(oldHash, n) {
      const [r] = await db.query<{ n: number }>(
        `WITH always AS (SELECT 1), ${rotationCtes('always')} SELECT count(*) AS n FROM s`,
        [n.idHash, n.stage, n.createdAt, n.expiresAt, n.authTime, oldHash],
      );
      return r?.n === 1;
    },
    async deleteSession(idHash) {
      await db.query(
        `WITH c AS (DELETE FROM fallback_codes WHERE session_hash = $1),
              p AS (DELETE FROM pending_enrollments WHERE session_hash = $1)
         DELETE FROM sessions WHERE id_hash = $1`,
        [idHash],
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
    async recordFallbackSend(userId, now, since, limit) {
      // The user's row is locked first, so concurrent sends count one after the other.
      return db.transaction(async (tx) => {
        const [, counted] = await Promise.all([
          tx.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]),
          tx.query<{ n: number }>(
            'SELECT count(*) AS n FROM fallback_sends WHERE user_id = $1 AND sent_at > $2',
            [userId, since],
          ),
        ]);
        if ((counted[0]?.n ?? 0) >= limit) {
          await tx.rollback();
          return false;
        }
        await tx.commitWith('INSERT INTO fallback_sends (user_id, sent_at) VALUES ($1, $2)', [userId, now]);
        return true;
      });
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
    async revokeRememberTokens(userId) {
      await db.query('UPDATE remember_tokens SET revoked = true WHERE user_id = $1', [userId]);
    },
  };
}
