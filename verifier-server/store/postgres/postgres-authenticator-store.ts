import { nameInUse } from '../../account/name-in-use';
import { type AuthenticatorStore, NAME_TAKEN } from '../authenticator-store';
import { keptSessionParts } from '../session-key';
import { type AuthenticatorRow, type PendingRow, toAuthenticator, toPending } from '../store-rows';
import type { PostgresDb, PostgresTx } from './postgres-db';
import { END_OTHER_SESSIONS, LOCK_USER_SESSIONS, REVOKE_REMEMBER_TOKENS } from './postgres-session-store';

/**
 * Takes the user's name lock (their row, FOR NO KEY UPDATE: held until the transaction ends, and
 * not in the way of rows that refer to the user), then asks whether another authenticator has
 * `name` among those committed by then: a rename or confirmation in another tab or instance waits,
 * then sees this one's.
 */
async function nameTaken(tx: PostgresTx, userId: number, name: string, ownId?: string): Promise<boolean> {
  await tx.query('SELECT 1 FROM users WHERE id = $1 FOR NO KEY UPDATE', [userId]);
  const rows = await tx.query<{ id: string; name: string }>(
    'SELECT id, name FROM authenticators WHERE user_id = $1',
    [userId],
  );
  return nameInUse(name, rows, ownId);
}

export function postgresAuthenticatorStore(db: PostgresDb): AuthenticatorStore {
  return {
    async listAuthenticators(userId) {
      const rows = await db.query<AuthenticatorRow>(
        'SELECT * FROM authenticators WHERE user_id = $1 ORDER BY created_at, name COLLATE "C"',
        [userId],
      );
      return rows.map(toAuthenticator);
    },
    async getAuthenticator(id, userId) {
      const [r] = await db.query<AuthenticatorRow>(
        'SELECT * FROM authenticators WHERE id = $1 AND user_id = $2',
        [id, userId],
      );
      return r ? toAuthenticator(r) : null;
    },
    async renameAuthenticator(id, userId, name) {
      return db.transaction(async (tx) => {
        if (await nameTaken(tx, userId, name, id)) {
          await tx.rollback();
          return NAME_TAKEN;
        }
        const rows = await tx.commitWith(
          'UPDATE authenticators SET name = $1 WHERE id = $2 AND user_id = $3 RETURNING 1',
          [name, id, userId],
        );
        return rows.length === 1 ? 'renamed' : 'not-found';
      });
    },
    async removeAuthenticator(id, userId, keepSessionHash) {
      // One transaction: removed, every remembered browser revoked and the user's other sessions
      // ended, or none of it (SECURITY #18, #29). The user's sessions are locked first, as a
      // password change locks them: a second step under way holds its session until its remember
      // token is stored, so the removal waits for it; the revocation and the end of the sessions,
      // statements of their own, then read the database anew and so catch that token and session.
      return db.transaction(async (tx) => {
        const [, removed] = await Promise.all([
          tx.query(LOCK_USER_SESSIONS, [userId]),
          tx.query('DELETE FROM authenticators WHERE id = $1 AND user_id = $2 RETURNING 1', [id, userId]),
        ]);
        if (removed.length !== 1) {
          await tx.rollback();
          return false;
        }
        await Promise.all([
          tx.query(REVOKE_REMEMBER_TOKENS, [userId]),
          tx.commitWith(END_OTHER_SESSIONS, [userId, ...keptSessionParts(keepSessionHash)]),
        ]);
        return true;
      });
    },

    async savePendingEnrollment(p) {
      const { algorithm, digits, period } = p.otp;
      await db.query(
        `INSERT INTO pending_enrollments
           (session_hash, user_id, authenticator_id, name, secret_sealed, algorithm, digits, period, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (session_hash) DO UPDATE SET user_id = EXCLUDED.user_id,
           authenticator_id = EXCLUDED.authenticator_id, name = EXCLUDED.name,
           secret_sealed = EXCLUDED.secret_sealed, algorithm = EXCLUDED.algorithm,
           digits = EXCLUDED.digits, period = EXCLUDED.period, expires_at = EXCLUDED.expires_at`,
        [
          p.sessionHash,
          p.userId,
          p.authenticatorId,
          p.name,
          Buffer.from(p.secretSealed),
          algorithm,
          digits,
          period,
          p.expiresAt,
        ],
      );
    },
    async getPendingEnrollment(sessionHash, now) {
      const [r] = await db.query<PendingRow>(
        'SELECT * FROM pending_enrollments WHERE session_hash = $1 AND expires_at > $2',
        [sessionHash, now],
      );
      return r ? toPending(r) : null;
    },
    async discardPendingEnrollment(sessionHash, authenticatorId) {
      await db.query('DELETE FROM pending_enrollments WHERE session_hash = $1 AND authenticator_id = $2', [
        sessionHash,
        authenticatorId,
      ]);
    },
    async confirmEnrollment(sessionHash, authenticatorId, step, now) {
      // SECURITY #17: the pending secret becomes the authenticator, whose first code's step is
      // already used, in one transaction; a process killed before it commits leaves the pending row.
      // Only the enrollment whose code was checked: not one that replaced it meanwhile.
      return db.transaction(async (tx) => {
        const [p] = await tx.query<{ user_id: number; name: string }>(
          `SELECT user_id, name FROM pending_enrollments
           WHERE session_hash = $1 AND authenticator_id = $2 AND expires_at > $3`,
          [sessionHash, authenticatorId, now],
        );
        // Not its own name: a second "Opslaan" that waited here for the first one's commit finds
        // the authenticator it would have become, and then (below) no pending row: null.
        if (p === undefined || (await nameTaken(tx, p.user_id, p.name, authenticatorId))) {
          await tx.rollback();
          return p === undefined ? null : NAME_TAKEN;
        }
        const [r] = await tx.commitWith<AuthenticatorRow>(
          `WITH p AS (DELETE FROM pending_enrollments
                      WHERE session_hash = $1 AND authenticator_id = $4 AND expires_at > $3 RETURNING *)
           INSERT INTO authenticators
             (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at, last_used_at)
           SELECT authenticator_id, user_id, name, secret_sealed, algorithm, digits, period, $2, $3, NULL FROM p
           RETURNING *`,
          [sessionHash, step, now, authenticatorId],
        );
        return r ? toAuthenticator(r) : null;
      });
    },
  };
}
