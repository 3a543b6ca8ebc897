import type { OtpAlgorithm } from '../../shared/otp-parameters';
import type { Authenticator, OutboxMessage, PendingEnrollment, Session, UserWithOrganisation } from './store';

/** Row shapes as SQLite returns them, and their mapping to the store's types. */
export interface UserRow {
  id: number;
  organisation_id: number;
  username: string;
  email: string;
  mobile: string | null;
  password_hash: string;
  failed_attempts: number;
  throttle_until: number;
  locked: number;
  require_2fa: number;
  organisation_name: string;
}

export const USER_SELECT = `SELECT u.*, o.require_2fa, o.name AS organisation_name
  FROM users u JOIN organisations o ON o.id = u.organisation_id`;

export function toUser(r: UserRow): UserWithOrganisation {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    username: r.username,
    email: r.email,
    mobile: r.mobile,
    passwordHash: r.password_hash,
    failedAttempts: r.failed_attempts,
    throttleUntil: r.throttle_until,
    locked: r.locked === 1,
    requireTwoFactor: r.require_2fa === 1,
    organisationName: r.organisation_name,
  };
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

export function toAuthenticator(r: AuthenticatorRow): Authenticator {
  return {
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
  };
}

export interface SessionRow {
  id_hash: string;
  user_id: number;
  stage: 'mfa' | 'full';
  created_at: number;
  expires_at: number;
  auth_time: number;
}

export function toSession(r: SessionRow): Session {
  return {
    idHash: r.id_hash,
    userId: r.user_id,
    stage: r.stage,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    authTime: r.auth_time,
  };
}

export interface PendingRow {
  session_hash: string;
  user_id: number;
  authenticator_id: string;
  name: string;
  secret_sealed: Buffer;
  expires_at: number;
}

export function toPending(r: PendingRow): PendingEnrollment {
  return {
    sessionHash: r.session_hash,
    userId: r.user_id,
    authenticatorId: r.authenticator_id,
    name: r.name,
    secretSealed: new Uint8Array(r.secret_sealed),
    expiresAt: r.expires_at,
  };
}

export interface OutboxRow {
  id: number;
  channel: 'email' | 'sms';
  recipient: string;
  subject: string | null;
  body: string;
  sent_at: number;
}

export function toOutbox(r: OutboxRow): OutboxMessage {
  return {
    id: r.id,
    channel: r.channel,
    to: r.recipient,
    subject: r.subject,
    body: r.body,
    sentAt: r.sent_at,
  };
}
