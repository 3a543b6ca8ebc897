import { nameInUse } from '../../account/name-in-use';
import { type AuthenticatorStore, NAME_TAKEN, type RenameResult } from '../authenticator-store';
import { type AuthenticatorRow, type PendingRow, toAuthenticator, toPending } from '../store-rows';
import type { SqliteDb } from './sqlite-db';
import { endOtherSessionsNow, REVOKE_REMEMBER_TOKENS } from './sqlite-session-store';

export function sqliteAuthenticatorStore(shared: SqliteDb): AuthenticatorStore {
  const { db, statement } = shared;
  const sql = {
    list: statement<AuthenticatorRow>(
      'SELECT * FROM authenticators WHERE user_id = ? ORDER BY created_at, name',
    ),
    get: statement<AuthenticatorRow>('SELECT * FROM authenticators WHERE id = ? AND user_id = ?'),
    rename: statement('UPDATE authenticators SET name = ? WHERE id = ? AND user_id = ?'),
    remove: statement('DELETE FROM authenticators WHERE id = ? AND user_id = ?'),
    revokeRememberTokens: statement(REVOKE_REMEMBER_TOKENS),
    savePending: statement(
      `INSERT OR REPLACE INTO pending_enrollments
         (session_hash, user_id, authenticator_id, name, secret_sealed, algorithm, digits, period, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    pending: statement<PendingRow>(
      'SELECT * FROM pending_enrollments WHERE session_hash = ? AND expires_at > ?',
    ),
    deletePending: statement(
      'DELETE FROM pending_enrollments WHERE session_hash = ? AND authenticator_id = ?',
    ),
    insert: statement(
      `INSERT INTO authenticators (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at, last_used_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`,
    ),
  };

  // SECURITY #18, #29: removed, every remembered browser revoked and the user's other sessions
  // ended (a lost or reinstalled PC's among them), or none of it.
  const remove = db.transaction((id: string, userId: number, keep: string | null): boolean => {
    if (sql.remove.run(id, userId).changes !== 1) return false;
    sql.revokeRememberTokens.run(userId);
    endOtherSessionsNow(shared, userId, keep);
    return true;
  });

  const nameTaken = (userId: number, name: string, ownId?: string) =>
    nameInUse(name, sql.list.all(userId), ownId);

  // IMMEDIATE transactions (below): the database's write lock is taken before the names are read,
  // so a name check and the write it allows are never split by another process's write.
  const rename = db.transaction((id: string, userId: number, name: string): RenameResult => {
    if (nameTaken(userId, name, id)) return NAME_TAKEN;
    return sql.rename.run(name, id, userId).changes === 1 ? 'renamed' : 'not-found';
  });

  const confirm = db.transaction(
    (sessionHash: string, authenticatorId: string, step: number, now: number) => {
      const p = sql.pending.get(sessionHash, now);
      if (!p || p.authenticator_id !== authenticatorId) return null;
      if (nameTaken(p.user_id, p.name, authenticatorId)) return NAME_TAKEN;
      sql.deletePending.run(sessionHash, authenticatorId);
      sql.insert.run(
        p.authenticator_id,
        p.user_id,
        p.name,
        p.secret_sealed,
        p.algorithm,
        p.digits,
        p.period,
        step,
        now,
      );
      return sql.get.get(p.authenticator_id, p.user_id) ?? null;
    },
  );

  return {
    async listAuthenticators(userId) {
      return sql.list.all(userId).map(toAuthenticator);
    },
    async getAuthenticator(id, userId) {
      const r = sql.get.get(id, userId);
      return r ? toAuthenticator(r) : null;
    },
    async renameAuthenticator(id, userId, name) {
      return rename.immediate(id, userId, name);
    },
    async removeAuthenticator(id, userId, keepSessionHash) {
      return remove.immediate(id, userId, keepSessionHash);
    },

    async savePendingEnrollment(p) {
      const { algorithm, digits, period } = p.otp;
      sql.savePending.run(
        p.sessionHash,
        p.userId,
        p.authenticatorId,
        p.name,
        p.secretSealed,
        algorithm,
        digits,
        period,
        p.expiresAt,
      );
    },
    async getPendingEnrollment(sessionHash, now) {
      const r = sql.pending.get(sessionHash, now);
      return r ? toPending(r) : null;
    },
    async discardPendingEnrollment(sessionHash, authenticatorId) {
      sql.deletePending.run(sessionHash, authenticatorId);
    },
    async confirmEnrollment(sessionHash, authenticatorId, step, now) {
      const r = confirm.immediate(sessionHash, authenticatorId, step, now);
      return r === null || r === NAME_TAKEN ? r : toAuthenticator(r);
    },
  };
}
