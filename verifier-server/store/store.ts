import type { AuthenticatorStore } from './authenticator-store';
import type { KeyCheckStore } from './key-check-store';
import type { OutboxStore } from './outbox-store';
import type { SessionStore } from './session-store';
import type { ThrottleStore } from './throttle-store';
import type { UserStore } from './user-store';
import type { VerificationStore } from './verification-store';

export type { Authenticator, AuthenticatorStore, PendingEnrollment } from './authenticator-store';
export type { KeyCheckStore } from './key-check-store';
export type { OutboxStore, SealedOutboxMessage } from './outbox-store';
export type {
  FallbackChannel,
  FallbackCode,
  FallbackSend,
  FallbackSendLimits,
  LoginGuard,
  RememberToken,
  Session,
  SessionStage,
  SessionStore,
} from './session-store';
export type {
  ClaimLimits,
  FailureOutcome,
  LoginClaim,
  LoginClaimResult,
  ThrottleStore,
} from './throttle-store';
export type { NewUser, Organisation, User, UserStore, UserWithOrganisation } from './user-store';
export type {
  CodeCheck,
  CodeChecker,
  CodeRefusal,
  Preparation,
  SealedTotpKey,
  SecondFactorAttempt,
  SecondFactorResult,
  SessionSecondFactorAttempt,
  SessionSecondFactorResult,
  VerificationStore,
} from './verification-store';

/** What the store as a whole adds to its table groups. */
export interface StoreLifecycle {
  /** True when this open created the schema: a new database (the demo seed needs one). */
  readonly fresh: boolean;
  close(): Promise<void>;
  /**
   * Removes expired sessions, enrollments, codes and tokens, and a user's oldest logged-in
   * sessions beyond FULL_SESSIONS_PER_USER (session-cap.ts). Safe when every instance on the
   * database runs it: each delete is idempotent.
   */
  purgeExpired(now: number): Promise<void>;
}

/**
 * The verifier's persistence, one interface per table group (each in its own module). Every
 * method that guards security is atomic in the backend (one statement or one transaction), so
 * several server processes on one database stay correct.
 */
export type Store = UserStore &
  ThrottleStore &
  AuthenticatorStore &
  SessionStore &
  OutboxStore &
  KeyCheckStore &
  VerificationStore &
  StoreLifecycle;
