import { type OrganisationRow, toOrganisation, toUser, USER_SELECT, type UserRow } from '../store-rows';
import type { UserStore } from '../user-store';
import type { SqliteDb } from './sqlite-db';
import { endOtherSessionsNow, REVOKE_REMEMBER_TOKENS } from './sqlite-session-store';

export function sqliteUserStore(shared: SqliteDb): UserStore {
  const { db, statement } = shared;
  const sql = {
    addOrganisation: statement<OrganisationRow>(
      'INSERT INTO organisations (name, require_2fa) VALUES (?, ?) RETURNING *',
    ),
    organisationByName: statement<OrganisationRow>('SELECT * FROM organisations WHERE name = ?'),
    setRequire2fa: statement('UPDATE organisations SET require_2fa = ? WHERE id = ?'),
    organisations: statement<OrganisationRow>('SELECT * FROM organisations ORDER BY name'),
    addUser: statement<{ id: number }>(
      'INSERT INTO users (organisation_id, username, email, mobile, password_hash) VALUES (?, ?, ?, ?, ?) RETURNING id',
    ),
    userByName: statement<UserRow>(`${USER_SELECT} WHERE u.username = ?`),
    userById: statement<UserRow>(`${USER_SELECT} WHERE u.id = ?`),
    users: statement<UserRow>(`${USER_SELECT} ORDER BY u.username`),
    countUsers: statement<{ n: number }>('SELECT count(*) AS n FROM users'),
    setMobile: statement('UPDATE users SET mobile = ? WHERE id = ?'),
    setPassword: statement('UPDATE users SET password_hash = ? WHERE id = ?'),
    revokeRememberTokens: statement(REVOKE_REMEMBER_TOKENS),
  };

  const changePassword = db.transaction((userId: number, hash: string, keep: string | null) => {
    sql.setPassword.run(hash, userId);
    sql.revokeRememberTokens.run(userId);
    endOtherSessionsNow(shared, userId, keep);
  });

  const getUser = async (id: number) => {
    const r = sql.userById.get(id);
    return r ? toUser(r) : null;
  };

  return {
    async createOrganisation(name, requireTwoFactor) {
      return toOrganisation(sql.addOrganisation.get(name, requireTwoFactor ? 1 : 0) as OrganisationRow);
    },
    async findOrganisation(name) {
      const r = sql.organisationByName.get(name);
      return r ? toOrganisation(r) : null;
    },
    async setRequireTwoFactor(id, required) {
      sql.setRequire2fa.run(required ? 1 : 0, id);
    },
    async listOrganisations() {
      return sql.organisations.all().map(toOrganisation);
    },

    async createUser(u) {
      const row = sql.addUser.get(u.organisationId, u.username, u.email, u.mobile, u.passwordHash);
      const user = row ? await getUser(row.id) : null;
      if (!user) throw new Error('the new user could not be read back');
      return user;
    },
    async findUserByName(username) {
      const r = sql.userByName.get(username);
      return r ? toUser(r) : null;
    },
    getUser,
    async listUsers() {
      return sql.users.all().map(toUser);
    },
    async countUsers() {
      return sql.countUsers.get()?.n ?? 0;
    },
    async setMobile(userId, mobile) {
      sql.setMobile.run(mobile, userId);
    },
    async changePassword(userId, hash, keepSessionHash) {
      changePassword.immediate(userId, hash, keepSessionHash);
    },
  };
}
