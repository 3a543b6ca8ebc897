import { foldUsernameSql } from '../../account/fold-username';
import { keptSessionParts } from '../session-key';
import { type OrganisationRow, toOrganisation, toUser, USER_SELECT, type UserRow } from '../store-rows';
import type { UserStore } from '../user-store';
import type { PostgresDb } from './postgres-db';
import { END_OTHER_SESSIONS, LOCK_USER_SESSIONS, REVOKE_REMEMBER_TOKENS } from './postgres-session-store';

/** SQLite's `COLLATE NOCASE` columns, as PostgreSQL compares them: through the `lower()` indexes. */
export function postgresUserStore(db: PostgresDb): UserStore {
  const getUser = async (id: number) => {
    const [r] = await db.query<UserRow>(`${USER_SELECT} WHERE u.id = $1`, [id]);
    return r ? toUser(r) : null;
  };

  return {
    async createOrganisation(name, requireTwoFactor) {
      const [r] = await db.query<OrganisationRow>(
        'INSERT INTO organisations (name, require_2fa) VALUES ($1, $2) RETURNING *',
        [name, requireTwoFactor],
      );
      return toOrganisation(r as OrganisationRow);
    },
    async findOrganisation(name) {
      const [r] = await db.query<OrganisationRow>(
        'SELECT * FROM organisations WHERE lower(name) = lower($1)',
        [name],
      );
      return r ? toOrganisation(r) : null;
    },
    async setRequireTwoFactor(id, required) {
      await db.query('UPDATE organisations SET require_2fa = $1 WHERE id = $2', [required, id]);
    },
    async listOrganisations() {
      const rows = await db.query<OrganisationRow>('SELECT * FROM organisations ORDER BY lower(name), name');
      return rows.map(toOrganisation);
    },

    async createUser(u) {
      const [r] = await db.query<{ id: number }>(
        'INSERT INTO users (organisation_id, username, email, mobile, password_hash) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [u.organisationId, u.username, u.email, u.mobile, u.passwordHash],
      );
      const user = r ? await getUser(r.id) : null;
      if (!user) throw new Error('the new user could not be read back');
      return user;
    },
    async findUserByName(username) {
      // lower() finds the row by its unique index; the second test keeps SQLite's ASCII-only fold,
      // so both stores (and the throttle's counter names) take the same spellings for one name.
      const [r] = await db.query<UserRow>(
        `${USER_SELECT} WHERE lower(u.username) = lower($1)
           AND ${foldUsernameSql('u.username')} = ${foldUsernameSql('$1')}`,
        [username],
      );
      return r ? toUser(r) : null;
    },
    getUser,
    async listUsers() {
      const rows = await db.query<UserRow>(`${USER_SELECT} ORDER BY lower(u.username), u.username`);
      return rows.map(toUser);
    },
    async countUsers() {
      const [r] = await db.query<{ n: number }>('SELECT count(*) AS n FROM users');
      return r?.n ?? 0;
    },
    async setMobile(userId, mobile) {
      await db.query('UPDATE users SET mobile = $1 WHERE id = $2', [mobile, userId]);
    },
    async changePassword(userId, hash, keepSessionHash) {
      // One transaction: all three changes or none (SECURITY #18). Separate statements, not one: the
      // user's UPDATE waits for a login that is storing a session on the old password (it holds the row
      // FOR SHARE, postgres-session-store.ts), and each later statement reads the database anew,
      // so it sees, and ends, that session and any remember token stored meanwhile. (A single
      // statement reads as of its start and would miss them.) Sent together: one round trip.
      // The user's sessions are locked first, as the code step locks them (session, then user:
      // postgres-second-factor-statements.ts); the other order deadlocks with a code step under way.
      await db.transaction(async (tx) => {
        const held = tx.query(LOCK_USER_SESSIONS, [userId]);
        const changed = tx.query('UPDATE users SET password_hash = $2 WHERE id = $1', [userId, hash]);
        const revoked = tx.query(REVOKE_REMEMBER_TOKENS, [userId]);
        const ended = tx.commitWith(END_OTHER_SESSIONS, [userId, ...keptSessionParts(keepSessionHash)]);
        await Promise.all([held, changed, revoked, ended]);
      });
    },
  };
}
