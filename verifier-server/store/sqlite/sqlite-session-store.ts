import { keptSessionParts, rotationKeys, splitSessionKey } from '../session-key';
import type {
  FallbackSend,
  FallbackSendLimits,
  RememberToken,
  Session,
  SessionStore,
} from '../session-store';
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
import type { SqliteDb } from './sqlite-db';

/** Also run by a password change and an authenticator removal, inside their own transactions. */
export const REVOKE_REMEMBER_TOKENS = 'UPDATE remember_tokens SET revoked = 1 WHERE user_id = ?';

/**
 * The cap on logged-in sessions (session-cap.ts) on SQLite, one writer at a time, so nothing
 * changes between the ranking and the delete: the newest FULL_SESSIONS_PER_USER of each user's
 * full sessions stay, newest by created_at (which a rotation renews); only users over the bound
 * are ranked. `?` is the bound, twice.
 */
export const END_FULL_SESSIONS_OVER_CAP = `DELETE FROM sessions WHERE selector IN (
  SELECT selector FROM (
    SELECT selector,
           row_number() OVER (PARTITION BY user_id ORDER BY created_at DESC, selector) AS rank
    FROM sessions
    WHERE stage = 'full'
      AND user_id IN (SELECT user_id FROM sessions WHERE stage = 'full' GROUP BY user_id HAVING count(*) > ?)
  ) ranked
  WHERE rank > ?)`;

/**
 * Ends every session of a user but the one exact key `keep` (session-key.ts), and with them their
 * pending enrollments: a secret shown to a session that ended must not be confirmed or shown by a
 * request of it already under way. Run by a password change, an authenticator removal and
 * "Vergeet alle browsers", inside their own transactions.
 */
export function endOtherSessionsNow({ statement }: SqliteDb, userId: number, keep: string | null): void {
  statement('DELETE FROM pending_enrollments WHERE user_id = ? AND session_hash IS NOT ?').run(userId, keep);
  statement('DELETE FROM sessions WHERE user_id = ? AND NOT (selector IS ? AND validator_hash IS ?)').run(
    userId,
    ...keptSessionParts(keep),
  );
}

/**
 * Moves a session to a new id: a new validator for the same selector (store/session-key.ts), one
 * UPDATE that rewrites the row's page only. Drops the old id's fallback code and moves its pending
 * enrollment. The caller holds the transaction; also run by the second step's
 * (sqlite-verification-store).
 */
export function rotateSessionNow({ statement }: SqliteDb, oldHash: string, n: Session): boolean {
  const { selector, oldValidatorHash, nextValidatorHash } = rotationKeys(oldHash, n.idHash);
  const moved = statement(
    `UPDATE sessions SET validator_hash = ?, stage = ?, created_at = ?, expires_at = ?, auth_time = ?
     WHERE selector = ? AND validator_hash = ?`,
  ).run(nextValidatorHash, n.stage, n.createdAt, n.expiresAt, n.authTime, selector, oldValidatorHash);
  if (moved.changes !== 1) return false;
  statement('DELETE FROM fallback_codes WHERE session_hash = ?').run(oldHash);
  statement('UPDATE pending_enrollments SET session_hash = ? WHERE session_hash = ?').run(n.idHash, oldHash);
  return true;
}

export function saveRememberTokenNow({ statement }: SqliteDb, t: RememberToken): void {
  statement('INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked) VALUES (?, ?, ?, ?)').run(
    t.tokenHash,
    t.userId,
    t.expiresAt,
    t.revoked ? 1 : 0,
  );
}

export function sqliteSessionStore(shared: SqliteDb): SessionStore {
  const { db, statement } = shared;
  const sql = {
    insertSession: statement(
      `INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    // The same insert, only while the login still holds (LoginGuard); SQLite has one writer, so
    // the check and the insert see no change in between.
    insertGuardedSession: statement(
      `INSERT INTO sessions (selector, validator_hash, user_id, stage, created_at, expires_at, auth_time)
       SELECT ?, ?, id, ?, ?, ?, ? FROM users WHERE id = ? AND password_hash = ?
         AND (? IS NULL OR EXISTS (SELECT 1 FROM remember_tokens
              WHERE token_hash = ? AND user_id = users.id AND revoked = 0 AND expires_at > ?))`,
    ),
    session: statement<SessionRow>(
      'SELECT * FROM sessions WHERE selector = ? AND validator_hash = ? AND expires_at > ?',
    ),
    sessionUser: statement<SessionRow & UserRow>(
      `${SESSION_USER_SELECT} WHERE s.selector = ? AND s.validator_hash = ? AND s.expires_at > ?`,
    ),
    deleteSession: statement('DELETE FROM sessions WHERE selector = ? AND validator_hash = ?'),
    deletePending: statement('DELETE FROM pending_enrollments WHERE session_hash = ?'),
    saveCode: statement(
      `INSERT OR REPLACE INTO fallback_codes (session_hash, channel, code_hash, expires_at, attempts)
       VALUES (?, ?, ?, ?, 0)`,
    ),
    code: statement<FallbackCodeRow>(
      'SELECT * FROM fallback_codes WHERE session_hash = ? AND expires_at > ?',
    ),
    consumeCode: statement(
      'DELETE FROM fallback_codes WHERE session_hash = ? AND code_hash = ? AND expires_at > ?',
    ),
    deleteCode: statement('DELETE FROM fallback_codes WHERE session_hash = ?'),
    failCode: statement('UPDATE fallback_codes SET attempts = attempts + 1 WHERE session_hash = ?'),
    dropSpentCode: statement('DELETE FROM fallback_codes WHERE session_hash = ? AND attempts >= ?'),
    countSends: statement<{ total: number; mine: number }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE client_hash = ?) AS mine
       FROM fallback_sends WHERE user_id = ? AND sent_at > ?`,
    ),
    addSend: statement('INSERT INTO fallback_sends (user_id, sent_at, client_hash) VALUES (?, ?, ?)'),
    sends: statement<{ sent_at: number; client_hash: string }>(
      'SELECT sent_at, client_hash FROM fallback_sends WHERE user_id = ? AND sent_at > ? ORDER BY sent_at',
    ),
    token: statement<RememberTokenRow>('SELECT * FROM remember_tokens WHERE token_hash = ?'),
    revokeTokens: statement(REVOKE_REMEMBER_TOKENS),
  };

  const forgetBrowsers = db.transaction((userId: number, keep: string | null) => {
    sql.revokeTokens.run(userId);
    endOtherSessionsNow(shared, userId, keep);
  });

  const rotate = db.transaction((oldHash: string, next: Session) => rotateSessionNow(shared, oldHash, next));

  const end = db.transaction((idHash: string) => {
    const { selector, validatorHash } = splitSessionKey(idHash);
    sql.deleteSession.run(selector, validatorHash);
    sql.deleteCode.run(idHash);
    sql.deletePending.run(idHash);
  });

  const failCode = db.transaction((sessionHash: string, maxAttempts: number) => {
    sql.failCode.run(sessionHash);
    sql.dropSpentCode.run(sessionHash, maxAttempts);
  });

  const recordSend = db.transaction((userId: number, send: FallbackSend, limits: FallbackSendLimits) => {
    const counted = sql.countSends.get(send.client, userId, limits.since);
    if ((counted?.mine ?? 0) >= limits.perClient || (counted?.total ?? 0) >= limits.perAccount) return false;
    sql.addSend.run(userId, send.sentAt, send.client);
    return true;
  });

  return {
    async createSession(x, guard) {
      const { selector, validatorHash } = splitSessionKey(x.idHash);
      if (guard === undefined) {
        sql.insertSession.run(
          selector,
          validatorHash,
          x.userId,
          x.stage,
          x.createdAt,
          x.expiresAt,
          x.authTime,
        );
        return true;
      }
      const token = guard.rememberTokenHash ?? null;
      const inserted = sql.insertGuardedSession.run(
        selector,
        validatorHash,
        x.stage,
        x.createdAt,
        x.expiresAt,
        x.authTime,
        x.userId,
        guard.passwordHash,
        token,
        token,
        guard.now,
      );
      return inserted.changes === 1;
    },
    async getSession(idHash, now) {
      const { selector, validatorHash } = splitSessionKey(idHash);
      const r = sql.session.get(selector, validatorHash, now);
      return r ? toSession(r) : null;
    },
    async getSessionUser(idHash, now) {
      const { selector, validatorHash } = splitSessionKey(idHash);
      const r = sql.sessionUser.get(selector, validatorHash, now);
      return r ? { session: toSession(r), user: toUser(r) } : null;
    },
    async rotateSession(oldHash, next) {
      return rotate.immediate(oldHash, next);
    },
    async deleteSession(idHash) {
      end.immediate(idHash);
    },

    async saveFallbackCode(c) {
      sql.saveCode.run(c.sessionHash, c.channel, c.codeHash, c.expiresAt);
    },
    async getFallbackCode(sessionHash, now) {
      const r = sql.code.get(sessionHash, now);
      return r ? toFallbackCode(r) : null;
    },
    async consumeFallbackCode(sessionHash, codeHash, now) {
      return sql.consumeCode.run(sessionHash, codeHash, now).changes === 1;
    },
    async failFallbackCode(sessionHash, maxAttempts) {
      failCode.immediate(sessionHash, maxAttempts);
    },
    async recordFallbackSend(userId, send, limits) {
      return recordSend.immediate(userId, send, limits);
    },
    async listFallbackSends(userId, since) {
      return sql.sends.all(userId, since).map((r) => ({ sentAt: r.sent_at, client: r.client_hash }));
    },

    async saveRememberToken(t) {
      saveRememberTokenNow(shared, t);
    },
    async getRememberToken(tokenHash) {
      const r = sql.token.get(tokenHash);
      return r ? toRememberToken(r) : null;
    },
    async forgetBrowsers(userId, keepSessionHash) {
      forgetBrowsers.immediate(userId, keepSessionHash);
    },
  };
}
