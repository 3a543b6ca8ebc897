import type { OtpAlgorithm } from '../../shared/otp-parameters';
import type { Authenticator, PendingEnrollment } from './authenticator-store';
import type { SealedOutboxMessage } from './outbox-store';
import { joinSessionKey } from './session-key';
import type { FallbackChannel, FallbackCode, RememberToken, Session, SessionStage } from './session-store';
import type { FailureOutcome } from './throttle-store';
import type { Organisation, UserWithOrganisation } from './user-store';

/**
 * Every row shape as the backends return it, and its mapping to the store's types: the one place
 * for both. The schemas use the same table and column names; a flag is 0/1 in SQLite and a
 * boolean in PostgreSQL, a blob a Buffer in both, and PostgreSQL's bigint is parsed as a number
 * (store/postgres/postgres-db.ts).
 */

/** A boolean column: INTEGER 0/1 in SQLite, boolean in PostgreSQL. */
export type Flag = number | boolean;
const isSet = (flag: Flag): boolean => flag === true || flag === 1;

export interface OrganisationRow {
  id: number;
  name: string;
  require_2fa: Flag;
}

export const toOrganisation = (r: OrganisationRow): Organisation => ({
  id: r.id,
  name: r.name,
  requireTwoFactor: isSet(r.require_2fa),
});

export interface UserRow {
  id: number;
  organisation_id: number;
  username: string;
  email: string;
  mobile: string | null;
  password_hash: string;
  failed_attempts: number;
  throttle_until: number;
  locked: Flag;
  require_2fa: Flag;
  organisation_name: string;
}

export const USER_SELECT = `SELECT u.*, o.require_2fa, o.name AS organisation_name
  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

/** A session (s) and its user (u, o): the columns and the tables, for a query that adds more. */
export const SESSION_USER_COLUMNS = `s.selector, s.validator_hash, s.user_id, s.stage, s.created_at, s.expires_at, s.auth_time,
    u.*, o.require_2fa, o.name AS organisation_name`;
export const SESSION_USER_FROM =
  'sessions s JOIN users u ON u.id = s.user_id JOIN organisations o ON o.id = u.organisation_id';
/** A session and its user in one read; the caller adds the WHERE in its dialect. */
export const SESSION_USER_SELECT = `SELECT ${SESSION_USER_COLUMNS} FROM ${SESSION_USER_FROM}`;

export const toUser = (r: UserRow): UserWithOrganisation => ({
  id: r.id,
  organisationId: r.organisation_id,
  username: r.username,
  email: r.email,
  mobile: r.mobile,
  passwordHash: r.password_hash,
  failedAttempts: r.failed_attempts,
  throttleUntil: r.throttle_until,
  locked: isSet(r.locked),
  requireTwoFactor: isSet(r.require_2fa),
  organisationName: r.organisation_name,
});

export interface FailureRow {
  failed_attempts: number;
  throttle_until: number;
  locked: Flag;
}

export const toFailureOutcome = (r: FailureRow): FailureOutcome => ({
  failedAttempts: r.failed_attempts,
  throttleUntil: r.throttle_until,
  locked: isSet(r.locked),
});

export interface LoginCounterRow {
  failures: number;
  until: number;
  window_start: number;
}

export interface AuthenticatorRow {
  id: string;
  user_id: number;
  name: string;
  secret_sealed: Buffer;
  algorithm: string;
  digits: number;
  period: number;
  last_step: number;
  created_at: number;
  last_used_at: number | null;
}

export const toAuthenticator = (r: AuthenticatorRow): Authenticator => ({
  id: r.id,
  userId: r.user_id,
  name: r.name,
  secretSealed: new Uint8Array(r.secret_sealed),
  algorithm: r.algorithm as OtpAlgorithm,
  digits: r.digits,
  period: r.period,
  lastStep: r.last_step,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
});

export interface PendingRow {
  session_hash: string;
  user_id: number;
  authenticator_id: string;
  name: string;
  secret_sealed: Buffer;
  algorithm: string;
  digits: number;
  period: number;
  expires_at: number;
}

export const toPending = (r: PendingRow): PendingEnrollment => ({
  sessionHash: r.session_hash,
  userId: r.user_id,
  authenticatorId: r.authenticator_id,
  name: r.name,
  secretSealed: new Uint8Array(r.secret_sealed),
  otp: { algorithm: r.algorithm as OtpAlgorithm, digits: r.digits, period: r.period },
  expiresAt: r.expires_at,
});

export interface SessionRow {
  selector: string;
  validator_hash: string;
  user_id: number;
  stage: SessionStage;
  created_at: number;
  expires_at: number;
  auth_time: number;
}

export const toSession = (r: SessionRow): Session => ({
  idHash: joinSessionKey(r.selector, r.validator_hash),
  userId: r.user_id,
  stage: r.stage,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  authTime: r.auth_time,
});

export interface FallbackCodeRow {
  session_hash: string;
  channel: FallbackChannel;
  code_hash: string;
  expires_at: number;
  attempts: number;
}

export const toFallbackCode = (r: FallbackCodeRow): FallbackCode => ({
  sessionHash: r.session_hash,
  channel: r.channel,
  codeHash: r.code_hash,
  expiresAt: r.expires_at,
  attempts: r.attempts,
});

export interface RememberTokenRow {
  token_hash: string;
  user_id: number;
  expires_at: number;
  revoked: Flag;
}

export const toRememberToken = (r: RememberTokenRow): RememberToken => ({
  tokenHash: r.token_hash,
  userId: r.user_id,
  expiresAt: r.expires_at,
  revoked: isSet(r.revoked),
});

export interface OutboxRow {
  id: number;
  sealed: Buffer;
  sent_at: number;
}

export const toOutbox = (r: OutboxRow): SealedOutboxMessage => ({
  id: r.id,
  sealed: new Uint8Array(r.sealed),
  sentAt: r.sent_at,
});
