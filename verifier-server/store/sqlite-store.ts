import type Database from 'better-sqlite3';
import { DEFAULT_TOTP } from '../../shared/otp-parameters';
import { openSqlite } from './open-sqlite';
import {
  type AuthenticatorRow,
  type OutboxRow,
  type PendingRow,
  type SessionRow,
  toAuthenticator,
  toOutbox,
  toPending,
  toSession,
  toUser,
  USER_SELECT,
  type UserRow,
} from './sqlite-rows';
import type { FailureOutcome, FallbackCode, Organisation, RememberToken, Store } from './store';

interface OrganisationRow {
  id: number;
  name: string;
  require_2fa: number;
}
const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  requireTwoFactor: r.require_2fa === 1,
});

/** The embedded default store. better-sqlite3 is synchronous; the interface is async for other backends. */
export function createSqliteStore(path: string): Store {
  const db: Database.Database = openSqlite(path);
  // Every statement is prepared once and reused (better-sqlite3 does not cache them itself): the
  // ones written inline below run on every login, second step and account page.
  const prepared = new Map<string, Database.Statement<unknown[], unknown>>();
  const q = <T = unknown>(sql: string): Database.Statement<unknown[], T> => {
    let statement = prepared.get(sql);
    if (statement === undefined) {
      statement = db.prepare<unknown[], unknown>(sql);
      prepared.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], T>;
  };

  const s = {
    userByName: q<UserRow>(`${USER_SELECT} WHERE u.username = ?`),
    userById: q<UserRow>(`${USER_SELECT} WHERE u.id = ?`),
    authenticator: q<AuthenticatorRow>('SELECT * FROM authenticators WHERE id = ? AND user_id = ?'),
    // SECURITY #5: check-and-mark in one statement; exactly one concurrent caller changes the row.
    acceptStep: q(
      'UPDATE authenticators SET last_step = ?, last_used_at = ? WHERE id = ? AND user_id = ? AND last_step < ?',
    ),
    session: q<SessionRow>('SELECT * FROM sessions WHERE id_hash = ? AND expires_at > ?'),
    insertSession: q(
      'INSERT INTO sessions (id_hash, user_id, stage, created_at, expires_at, auth_time) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    deleteSession: q('DELETE FROM sessions WHERE id_hash = ?'),
    rotateSession: q(
      'UPDATE sessions SET id_hash = ?, stage = ?, created_at = ?, expires_at = ?, auth_time = ? WHERE id_hash = ?',
    ),
    recordFailure: q<{ failed_attempts: number; throttle_until: number; locked: number }>(
      `UPDATE users SET failed_attempts = failed_attempts + 1,
         throttle_until = ? + min(?, 1 << min(failed_attempts, 30)),
         locked = CASE WHEN failed_attempts + 1 >= ? THEN 1 ELSE locked END
       WHERE id = ? RETURNING failed_attempts, throttle_until, locked`,
    ),
    claimAttempt: q<{ failed_attempts: number; throttle_until: number; locked: number }>(
      `UPDATE users SET failed_attempts = failed_attempts + 1,
         throttle_until = ? + min(?, 1 << min(failed_attempts, 30)),
         locked = CASE WHEN failed_attempts + 1 >= ? THEN 1 ELSE locked END
       WHERE id = ? AND throttle_until <= ? AND (locked = 0 OR ?)
       RETURNING failed_attempts, throttle_until, locked`,
    ),
    resetFailures: q(
      'UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = 0 WHERE id = ? AND failed_attempts > 0',
    ),
    deleteFallbackCode: q('DELETE FROM fallback_codes WHERE session_hash = ?'),
    loginFailure: q(
      `INSERT INTO login_throttle (key_hash, failures, until, last_at) VALUES (?, 1, 0, ?)
       ON CONFLICT(key_hash) DO UPDATE SET failures = failures + 1, last_at = excluded.last_at,
         until = CASE WHEN failures + 1 > ? THEN excluded.last_at + min(?, 1 << min(failures - ?, 30)) ELSE 0 END`,
    ),
    loginUntil: q<{ until: number }>('SELECT until FROM login_throttle WHERE key_hash = ?'),
    movePending: q('UPDATE pending_enrollments SET session_hash = ? WHERE session_hash = ?'),
    deletePending: q('DELETE FROM pending_enrollments WHERE session_hash = ?'),
  };

  // One UPDATE moves the row to its new id: cheaper than DELETE + INSERT (fewer index pages written).
  const rotate = db.transaction((oldHash: string, n: SessionRow): boolean => {
    if (
      s.rotateSession.run(n.id_hash, n.stage, n.created_at, n.expires_at, n.auth_time, oldHash).changes !== 1
    ) {
      return false;
    }
    s.deleteFallbackCode.run(oldHash);
    s.movePending.run(n.id_hash, oldHash);
    return true;
  });

  // A code accepted for a step also ends the account's run of failures: one commit, not two.
  const acceptAndReset = db.transaction((id: string, userId: number, step: number, now: number): boolean => {
    if (s.acceptStep.run(step, now, id, userId, step).changes !== 1) return false;
    s.resetFailures.run(userId);
    return true;
  });

  // Enrollment always issues the parameters every app understands (the QR code says the same).
  const { algorithm, digits, period } = DEFAULT_TOTP;
  const confirm = db.transaction((sessionHash: string, step: number, now: number) => {
    const p = q<PendingRow>(
      'SELECT * FROM pending_enrollments WHERE session_hash = ? AND expires_at > ?',
    ).get(sessionHash, now);
    if (!p) return null;
    q('DELETE FROM pending_enrollments WHERE session_hash = ?').run(sessionHash);
    q(
      `INSERT INTO authenticators (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at, last_used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ).run(p.authenticator_id, p.user_id, p.name, p.secret_sealed, algorithm, digits, period, step, now);
    return s.authenticator.get(p.authenticator_id, p.user_id) ?? null;
  });

  const recordSend = db.transaction((userId: number, now: number, since: number, limit: number) => {
    const row = q<{ n: number }>(
      'SELECT count(*) AS n FROM fallback_sends WHERE user_id = ? AND sent_at > ?',
    ).get(userId, since);
    if ((row?.n ?? 0) >= limit) return false;
    q('INSERT INTO fallback_sends (user_id, sent_at) VALUES (?, ?)').run(userId, now);
    return true;
  });

  return {
    async close() {
      db.close();
    },

    async createOrganisation(name, requireTwoFactor) {
      const r = q<OrganisationRow>(
        'INSERT INTO organisations (name, require_2fa) VALUES (?, ?) RETURNING *',
      ).get(name, requireTwoFactor ? 1 : 0);
      return toOrganisation(r as OrganisationRow);
    },
    async findOrganisation(name) {
      const r = q<OrganisationRow>('SELECT * FROM organisations WHERE name = ?').get(name);
      return r ? toOrganisation(r) : null;
    },
    async setRequireTwoFactor(id, required) {
      q('UPDATE organisations SET require_2fa = ? WHERE id = ?').run(required ? 1 : 0, id);
    },
    async listOrganisations() {
      return q<OrganisationRow>('SELECT * FROM organisations ORDER BY name').all().map(toOrganisation);
    },

    async createUser(u) {
      const { lastInsertRowid } = q(
        'INSERT INTO users (organisation_id, username, email, mobile, password_hash) VALUES (?, ?, ?, ?, ?)',
      ).run(u.organisationId, u.username, u.email, u.mobile, u.passwordHash);
      return toUser(s.userById.get(Number(lastInsertRowid)) as UserRow);
    },
    async findUserByName(username) {
      const r = s.userByName.get(username);
      return r ? toUser(r) : null;
    },
    async getUser(id) {
      const r = s.userById.get(id);
      return r ? toUser(r) : null;
    },
    async listUsers() {
      return q<UserRow>(`${USER_SELECT} ORDER BY u.username`).all().map(toUser);
    },
    async setPassword(userId, hash) {
      q('UPDATE users SET password_hash = ? WHERE id = ?').run(hash, userId);
    },
    async setMobile(userId, mobile) {
      q('UPDATE users SET mobile = ? WHERE id = ?').run(mobile, userId);
    },
    async countUsers() {
      return q<{ n: number }>('SELECT count(*) AS n FROM users').get()?.n ?? 0;
    },

    async recordFailure(userId, now, maxDelay, lockAfter): Promise<FailureOutcome> {
      const r = s.recordFailure.get(now, maxDelay, lockAfter, userId);
      if (!r) return { failedAttempts: 0, throttleUntil: 0, locked: false };
      return { failedAttempts: r.failed_attempts, throttleUntil: r.throttle_until, locked: r.locked === 1 };
    },
    async claimAttempt(userId, now, { maxDelay, lockAfter, ignoreLock }) {
      const r = s.claimAttempt.get(now, maxDelay, lockAfter, userId, now, ignoreLock ? 1 : 0);
      return r
        ? { failedAttempts: r.failed_attempts, throttleUntil: r.throttle_until, locked: r.locked === 1 }
        : null;
    },
    async loginWait(keyHash, now) {
      const until = s.loginUntil.get(keyHash)?.until ?? 0;
      return until > now ? until - now : null;
    },
    async recordLoginFailure(keyHash, now, { free, maxDelay }) {
      s.loginFailure.run(keyHash, now, free, maxDelay, free);
    },
    async resetLoginAttempts(keyHash) {
      q('DELETE FROM login_throttle WHERE key_hash = ?').run(keyHash);
    },
    async resetFailures(userId) {
      s.resetFailures.run(userId);
    },
    async unlock(userId) {
      q('UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = 0 WHERE id = ?').run(userId);
    },

    async listAuthenticators(userId) {
      return q<AuthenticatorRow>('SELECT * FROM authenticators WHERE user_id = ? ORDER BY created_at, name')
        .all(userId)
        .map(toAuthenticator);
    },
    async getAuthenticator(id, userId) {
      const r = s.authenticator.get(id, userId);
      return r ? toAuthenticator(r) : null;
    },
    async acceptStep(id, userId, step, now) {
      return acceptAndReset.immediate(id, userId, step, now);
    },
    async renameAuthenticator(id, userId, name) {
      return (
        q('UPDATE authenticators SET name = ? WHERE id = ? AND user_id = ?').run(name, id, userId).changes ===
        1
      );
    },
    async removeAuthenticator(id, userId) {
      return q('DELETE FROM authenticators WHERE id = ? AND user_id = ?').run(id, userId).changes === 1;
    },

    async savePendingEnrollment(p) {
      q(
        `INSERT OR REPLACE INTO pending_enrollments (session_hash, user_id, authenticator_id, name, secret_sealed, expires_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ).run(p.sessionHash, p.userId, p.authenticatorId, p.name, p.secretSealed, p.expiresAt);
    },
    async getPendingEnrollment(sessionHash, now) {
      const r = q<PendingRow>(
        'SELECT * FROM pending_enrollments WHERE session_hash = ? AND expires_at > ?',
      ).get(sessionHash, now);
      return r ? toPending(r) : null;
    },
    async confirmEnrollment(sessionHash, step, now) {
      const r = confirm.immediate(sessionHash, step, now);
      return r ? toAuthenticator(r) : null;
    },

    async createSession(x) {
      s.insertSession.run(x.idHash, x.userId, x.stage, x.createdAt, x.expiresAt, x.authTime);
    },
    async getSession(idHash, now) {
      const r = s.session.get(idHash, now);
      return r ? toSession(r) : null;
    },
    async rotateSession(oldHash, n) {
      return rotate.immediate(oldHash, {
        id_hash: n.idHash,
        user_id: n.userId,
        stage: n.stage,
        created_at: n.createdAt,
        expires_at: n.expiresAt,
        auth_time: n.authTime,
      });
    },
    async deleteSession(idHash) {
      s.deleteSession.run(idHash);
      s.deleteFallbackCode.run(idHash);
      s.deletePending.run(idHash);
    },
    async deleteUserSessions(userId, exceptHash) {
      q('DELETE FROM sessions WHERE user_id = ? AND id_hash IS NOT ?').run(userId, exceptHash);
    },

    async saveFallbackCode(c: FallbackCode) {
      q(
        `INSERT OR REPLACE INTO fallback_codes (session_hash, channel, code_hash, expires_at, attempts)
         VALUES (?, ?, ?, ?, 0)`,
      ).run(c.sessionHash, c.channel, c.codeHash, c.expiresAt);
    },
    async getFallbackCode(sessionHash, now) {
      const r = q<{
        session_hash: string;
        channel: 'email' | 'sms';
        code_hash: string;
        expires_at: number;
        attempts: number;
      }>('SELECT * FROM fallback_codes WHERE session_hash = ? AND expires_at > ?').get(sessionHash, now);
      return r
        ? {
            sessionHash: r.session_hash,
            channel: r.channel,
            codeHash: r.code_hash,
            expiresAt: r.expires_at,
            attempts: r.attempts,
          }
        : null;
    },
    async consumeFallbackCode(sessionHash, codeHash, now) {
      return (
        q('DELETE FROM fallback_codes WHERE session_hash = ? AND code_hash = ? AND expires_at > ?').run(
          sessionHash,
          codeHash,
          now,
        ).changes === 1
      );
    },
    async failFallbackCode(sessionHash, maxAttempts) {
      q('UPDATE fallback_codes SET attempts = attempts + 1 WHERE session_hash = ?').run(sessionHash);
      q('DELETE FROM fallback_codes WHERE session_hash = ? AND attempts >= ?').run(sessionHash, maxAttempts);
    },
    async recordFallbackSend(userId, now, since, limit) {
      return recordSend.immediate(userId, now, since, limit);
    },

    async saveRememberToken(t: RememberToken) {
      q('INSERT INTO remember_tokens (token_hash, user_id, expires_at, revoked) VALUES (?, ?, ?, ?)').run(
        t.tokenHash,
        t.userId,
        t.expiresAt,
        t.revoked ? 1 : 0,
      );
    },
    async getRememberToken(tokenHash) {
      const r = q<{ token_hash: string; user_id: number; expires_at: number; revoked: number }>(
        'SELECT * FROM remember_tokens WHERE token_hash = ?',
      ).get(tokenHash);
      return r
        ? { tokenHash: r.token_hash, userId: r.user_id, expiresAt: r.expires_at, revoked: r.revoked === 1 }
        : null;
    },
    async revokeRememberTokens(userId) {
      q('UPDATE remember_tokens SET revoked = 1 WHERE user_id = ?').run(userId);
    },

    async addOutboxMessage(m) {
      q('INSERT INTO outbox (channel, recipient, subject, body, sent_at) VALUES (?, ?, ?, ?, ?)').run(
        m.channel,
        m.to,
        m.subject,
        m.body,
        m.sentAt,
      );
    },
    async listOutbox(limit) {
      return q<OutboxRow>('SELECT * FROM outbox ORDER BY id DESC LIMIT ?').all(limit).map(toOutbox);
    },

    async purgeExpired(now) {
      db.transaction(() => {
        q('DELETE FROM sessions WHERE expires_at <= ?').run(now);
        q('DELETE FROM pending_enrollments WHERE expires_at <= ?').run(now);
        q('DELETE FROM fallback_codes WHERE expires_at <= ?').run(now);
        q('DELETE FROM remember_tokens WHERE expires_at <= ?').run(now);
        q('DELETE FROM fallback_sends WHERE sent_at <= ?').run(now - 24 * 3600);
        q('DELETE FROM login_throttle WHERE last_at <= ? AND until <= ?').run(now - 24 * 3600, now);
      })();
    },
  };
}
