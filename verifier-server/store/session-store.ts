import type { UserWithOrganisation } from './user-store';

export type SessionStage = 'mfa' | 'full';

export interface Session {
  /**
   * The session's key: its selector and the SHA-256 of its validator (store/session-key.ts); the
   * cookie's validator is never stored. Fallback codes and pending enrollments name their session
   * by this key.
   */
  readonly idHash: string;
  readonly userId: number;
  readonly stage: SessionStage;
  readonly createdAt: number;
  readonly expiresAt: number;
  /** When the password was last entered in this session (recent-login checks). */
  readonly authTime: number;
}

export type FallbackChannel = 'email' | 'sms';

export interface FallbackCode {
  readonly sessionHash: string;
  readonly channel: FallbackChannel;
  readonly codeHash: string;
  readonly expiresAt: number;
  readonly attempts: number;
}

/**
 * One fallback send as the caps count it (SECURITY #19): when, and from which client, as a keyed
 * hash of its address (auth/fallback-send-client.ts; empty for sends recorded before it was kept).
 */
export interface FallbackSend {
  readonly sentAt: number;
  readonly client: string;
}

/**
 * The two send caps of one hour-long window (after `since`): per account and client, and the
 * looser one per account across every client, so one client cannot use up the account's sends.
 */
export interface FallbackSendLimits {
  readonly since: number;
  readonly perClient: number;
  /** Infinity for a device of the user (a live device cookie): no ceiling holds it. */
  readonly perAccount: number;
}

export interface RememberToken {
  readonly tokenHash: string;
  readonly userId: number;
  readonly expiresAt: number;
  readonly revoked: boolean;
}

/**
 * Sessions and the credentials that live beside them: fallback codes (bound to a session) and
 * remember-browser tokens (tables `sessions`, `fallback_codes`, `fallback_sends`, `remember_tokens`).
 */
/**
 * What a login's new session rests on, checked in the statement that stores it: the password hash
 * the typed password was verified against and, when the browser's remember token spared the code,
 * that token. A password change (or a revocation) that lands while the password is being hashed
 * then leaves no session behind (SECURITY #18).
 */
export interface LoginGuard {
  readonly passwordHash: string;
  /** The remember token that lets this login skip the code; it must still be live at `now`. */
  readonly rememberTokenHash?: string | undefined;
  readonly now: number;
}

export interface SessionStore {
  /**
   * Stores a new session; with `guard`, only while the user's password hash (and the remember
   * token) is still what the login checked, else nothing is stored and false is returned. The
   * check and the insert are one statement that holds the user's row (PostgreSQL: FOR SHARE, so
   * a password change waits for it or it sees the change; SQLite: one writer at a time).
   */
  createSession(session: Session, guard?: LoginGuard): Promise<boolean>;
  getSession(idHash: string, now: number): Promise<Session | null>;
  /** A live session and its user, in one read (every guarded request needs both). */
  getSessionUser(
    idHash: string,
    now: number,
  ): Promise<{ readonly session: Session; readonly user: UserWithOrganisation } | null>;
  /**
   * Moves a session to a new id (rotation) in one transaction: `next` has the same selector and a
   * new validator; false if the old one is gone.
   */
  rotateSession(oldHash: string, next: Session): Promise<boolean>;
  /** Ends a session with its fallback code and pending enrollment. */
  deleteSession(idHash: string): Promise<void>;

  /** Replaces any earlier fallback code of this login attempt. */
  saveFallbackCode(code: FallbackCode): Promise<void>;
  getFallbackCode(sessionHash: string, now: number): Promise<FallbackCode | null>;
  /** Single use: deletes the code if it still matches, atomically; true for one caller only. */
  consumeFallbackCode(sessionHash: string, codeHash: string, now: number): Promise<boolean>;
  /** Counts a wrong attempt; the code is dropped after `maxAttempts`. */
  failFallbackCode(sessionHash: string, maxAttempts: number): Promise<void>;
  /**
   * Records a send from `send.client` if, since `limits.since`, fewer than `perClient` came from
   * that client and fewer than `perAccount` in all; false when either cap is reached. Counted
   * and recorded atomically, so parallel sends cannot pass a cap together.
   */
  recordFallbackSend(userId: number, send: FallbackSend, limits: FallbackSendLimits): Promise<boolean>;
  /** The user's sends after `since`, oldest first. */
  listFallbackSends(userId: number, since: number): Promise<FallbackSend[]>;

  saveRememberToken(token: RememberToken): Promise<void>;
  getRememberToken(tokenHash: string): Promise<RememberToken | null>;
  /**
   * "Vergeet alle browsers": revokes every remembered browser of the user and ends every session
   * but `keepSessionHash` (the one that asked), in one transaction: a browser that was remembered
   * may still be logged in, and so may one left open elsewhere.
   */
  forgetBrowsers(userId: number, keepSessionHash: string | null): Promise<void>;
}
