import type { OtpAlgorithm } from '../../shared/otp-parameters';

/** Times are Unix seconds throughout the store. */
export interface Organisation {
  readonly id: number;
  readonly name: string;
  readonly requireTwoFactor: boolean;
}

export interface User {
  readonly id: number;
  readonly organisationId: number;
  readonly username: string;
  readonly email: string;
  readonly mobile: string | null;
  readonly passwordHash: string;
  readonly failedAttempts: number;
  /** No code is checked before this time (the growing delay). */
  readonly throttleUntil: number;
  readonly locked: boolean;
}

export interface UserWithOrganisation extends User {
  readonly requireTwoFactor: boolean;
  readonly organisationName: string;
}

export interface Authenticator {
  readonly id: string;
  readonly userId: number;
  readonly name: string;
  /** AES-256-GCM: nonce ‖ ciphertext ‖ tag, AAD `authenticator:<id>:<userId>`. */
  readonly secretSealed: Uint8Array;
  readonly algorithm: OtpAlgorithm;
  readonly digits: number;
  readonly period: number;
  /** The last accepted time step; a code is accepted only for a later one. */
  readonly lastStep: number;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

export type SessionStage = 'mfa' | 'full';

export interface Session {
  /** SHA-256 of the cookie value; the raw id is never stored. */
  readonly idHash: string;
  readonly userId: number;
  readonly stage: SessionStage;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** When the password was last entered in this session (recent-login checks). */
  readonly authTime: number;
}

export interface PendingEnrollment {
  readonly sessionHash: string;
  readonly userId: number;
  /** The id the authenticator will get; part of the secret's AAD. */
  readonly authenticatorId: string;
  readonly name: string;
  readonly secretSealed: Uint8Array;
  readonly expiresAt: number;
}

export type FallbackChannel = 'email' | 'sms';

export interface FallbackCode {
  readonly sessionHash: string;
  readonly channel: FallbackChannel;
  readonly codeHash: string;
  readonly expiresAt: number;
  readonly attempts: number;
}

export interface RememberToken {
  readonly tokenHash: string;
  readonly userId: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
}

export interface OutboxMessage {
  readonly id: number;
  readonly channel: FallbackChannel;
  readonly to: string;
  readonly subject: string | null;
  readonly body: string;
  readonly sentAt: number;
}

export interface NewUser {
  readonly organisationId: number;
  readonly username: string;
  readonly email: string;
  readonly mobile: string | null;
  readonly passwordHash: string;
}

export interface FailureOutcome {
  readonly failedAttempts: number;
  readonly throttleUntil: number;
  readonly locked: boolean;
}

/**
 * The verifier's persistence. Every method that guards security is atomic in the backend
 * (one statement or one transaction), so two server processes on one database stay correct.
 */
export interface Store {
  close(): Promise<void>;

  createOrganisation(name: string, requireTwoFactor: boolean): Promise<Organisation>;
  findOrganisation(name: string): Promise<Organisation | null>;
  setRequireTwoFactor(organisationId: number, required: boolean): Promise<void>;
  listOrganisations(): Promise<Organisation[]>;

  createUser(user: NewUser): Promise<User>;
  findUserByName(username: string): Promise<UserWithOrganisation | null>;
  getUser(id: number): Promise<UserWithOrganisation | null>;
  listUsers(): Promise<UserWithOrganisation[]>;
  setPassword(userId: number, passwordHash: string): Promise<void>;
  setMobile(userId: number, mobile: string | null): Promise<void>;
  countUsers(): Promise<number>;

  /**
   * Claims one second-factor attempt for the account, atomically (SECURITY #8): it counts as a
   * failure until resetFailures, and schedules the next allowed attempt 1, 2, 4 … s later; the
   * claim that reaches `lockAfter` locks the account. Null when the account is waiting or locked
   * (`ignoreLock` lets the fallback code through a lock). Parallel attempts cannot share a slot.
   */
  claimAttempt(
    userId: number,
    now: number,
    limits: { readonly maxDelay: number; readonly lockAfter: number; readonly ignoreLock: boolean },
  ): Promise<FailureOutcome | null>;
  /** Counts one failure outside a claimed attempt (a forged remember-browser token). */
  recordFailure(userId: number, now: number, maxDelay: number, lockAfter: number): Promise<FailureOutcome>;
  /**
   * The password step's throttle, keyed by a hash of the username as typed, so a name that does
   * not exist is throttled exactly like one that does (SECURITY #13): seconds still to wait, or null.
   */
  loginWait(keyHash: string, now: number): Promise<number | null>;
  /** A wrong password: after `free` consecutive ones, each waits 1, 2, 4 … s (≤ `maxDelay`). */
  recordLoginFailure(
    keyHash: string,
    now: number,
    limits: { readonly free: number; readonly maxDelay: number },
  ): Promise<void>;
  /** A correct password: the name's failures start over. */
  resetLoginAttempts(keyHash: string): Promise<void>;
  /** A successful second factor: the failure count, delay and lock start over. */
  resetFailures(userId: number): Promise<void>;
  /** Admin or fallback: clears the lock and the failure count. */
  unlock(userId: number): Promise<void>;

  listAuthenticators(userId: number): Promise<Authenticator[]>;
  getAuthenticator(id: string, userId: number): Promise<Authenticator | null>;
  /**
   * The replay guard (SECURITY #4, #5): marks `step` as used only if it is later than the
   * last accepted step, in one statement. True for exactly one of any set of concurrent callers.
   * An accepted step also resets the account's failure count, delay and lock (same transaction).
   */
  acceptStep(id: string, userId: number, step: number, now: number): Promise<boolean>;
  renameAuthenticator(id: string, userId: number, name: string): Promise<boolean>;
  removeAuthenticator(id: string, userId: number): Promise<boolean>;

  savePendingEnrollment(pending: PendingEnrollment): Promise<void>;
  getPendingEnrollment(sessionHash: string, now: number): Promise<PendingEnrollment | null>;
  /** Turns the pending secret into an active authenticator whose first code is already used, atomically. */
  confirmEnrollment(sessionHash: string, step: number, now: number): Promise<Authenticator | null>;

  createSession(session: Session): Promise<void>;
  getSession(idHash: string, now: number): Promise<Session | null>;
  /** Replaces a session by a new id (rotation) in one transaction; false if the old one is gone. */
  rotateSession(oldHash: string, next: Session): Promise<boolean>;
  deleteSession(idHash: string): Promise<void>;
  deleteUserSessions(userId: number, exceptHash: string | null): Promise<void>;

  /** Replaces any earlier fallback code of this login attempt. */
  saveFallbackCode(code: FallbackCode): Promise<void>;
  getFallbackCode(sessionHash: string, now: number): Promise<FallbackCode | null>;
  /** Single use: deletes the code if it still matches, atomically; true for one caller only. */
  consumeFallbackCode(sessionHash: string, codeHash: string, now: number): Promise<boolean>;
  /** Counts a wrong attempt; the code is dropped after `maxAttempts`. */
  failFallbackCode(sessionHash: string, maxAttempts: number): Promise<void>;
  /** Records a send if fewer than `limit` happened since `since`; false when capped. */
  recordFallbackSend(userId: number, now: number, since: number, limit: number): Promise<boolean>;

  saveRememberToken(token: RememberToken): Promise<void>;
  getRememberToken(tokenHash: string): Promise<RememberToken | null>;
  revokeRememberTokens(userId: number): Promise<void>;

  addOutboxMessage(message: Omit<OutboxMessage, 'id'>): Promise<void>;
  listOutbox(limit: number): Promise<OutboxMessage[]>;

  /** Removes expired sessions, enrollments, codes and tokens. */
  purgeExpired(now: number): Promise<void>;
}
