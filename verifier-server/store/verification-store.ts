import type { Authenticator } from './authenticator-store';
import type { RememberToken, Session, SessionStage } from './session-store';
import type { ClaimLimits, FailureOutcome } from './throttle-store';
import type { UserWithOrganisation } from './user-store';

/** Why a code is not worth a claim: malformed (a typo, SECURITY #9), or a damaged or swapped secret. */
export type CodeRefusal = 'format' | 'unavailable';

/** What the caller makes of the chosen authenticator before anything is counted. */
export type Preparation =
  /** Nothing is counted and nothing changes: `refusal` is returned. */
  | { readonly refuse: CodeRefusal }
  /**
   * The matching time step, or null. Called at most once, and its step counts only if the
   * attempt is claimed (SECURITY #31): SQLite calls it after the claim, PostgreSQL just before the
   * one statement that claims and decides. Synchronous and quick (the HMACs), so the transaction
   * stays short.
   */
  | { readonly match: () => number | null };

/** The code as typed and the clock it is checked against (milliseconds). */
export interface CodeCheck {
  readonly code: string;
  readonly nowMs: number;
}

/**
 * Opens the authenticator's secret and matches a code (auth/totp-code-checker.ts): what `prepare`
 * runs, and what a store in another thread runs on `check` with the key it was started with.
 */
export type CodeChecker = (authenticator: SealedTotpKey, check: CodeCheck) => Preparation;

/** What a code check needs of an authenticator (or of one being added): its row's ids and its sealed secret. */
export type SealedTotpKey = Pick<
  Authenticator,
  'id' | 'userId' | 'secretSealed' | 'algorithm' | 'digits' | 'period'
>;

/**
 * One code typed at the second step, with what its acceptance changes, once the session guard has
 * found the session and its user: how SQLite's transaction takes it (sqlite-verification-store.ts,
 * composed by verify-session-second-factor.ts).
 */
export interface SecondFactorAttempt {
  readonly userId: number;
  /** The one authenticator the user chose (SECURITY #7); read with the user's id. */
  readonly authenticatorId: string;
  readonly now: number;
  /** The lock always applies here (only the fallback code passes it). */
  readonly limits: Pick<ClaimLimits, 'maxDelay' | 'lockAfter'>;
  /** The code as data: what a store whose transaction runs in another thread checks (with its own checker). */
  readonly check: CodeCheck;
  /** The same check as a function (a CodeChecker bound to `check`), called with the authenticator as the transaction read it; synchronous. */
  readonly prepare: (authenticator: Authenticator) => Preparation;
  /** On acceptance the half-logged-in session moves to `next` (SECURITY #14) … */
  readonly rotate: { readonly oldHash: string; readonly next: Session };
  /** … and, when the user ticked it, the browser is remembered (SECURITY #18). */
  readonly remember: RememberToken | null;
}

export type SecondFactorResult =
  /** No such authenticator of this user: nothing counted. */
  | { readonly kind: 'unknown-authenticator' }
  /** `prepare` refused: nothing counted. */
  | { readonly kind: 'not-prepared'; readonly refusal: CodeRefusal; readonly authenticator: Authenticator }
  /** The step was accepted, the failures reset, the session rotated (and the token saved). */
  | { readonly kind: 'accepted'; readonly authenticator: Authenticator }
  /** Not claimed: the account waits until `throttleUntil`, or is locked; nothing was counted. */
  | { readonly kind: 'refused'; readonly locked: boolean; readonly throttleUntil: number }
  /** Claimed and counted as a failure: no step matched, or the step was not later than the last one. */
  | {
      readonly kind: 'wrong' | 'replay';
      readonly claim: FailureOutcome;
      readonly authenticator: Authenticator;
    }
  /** Claimed and counted; the code matched but the session ended meanwhile, so nothing was accepted. */
  | { readonly kind: 'session-gone'; readonly claim: FailureOutcome };

/**
 * POST /login/code as one call: the session guard's read (the half-logged-in session named by the
 * cookie, and its user) and then the attempt, whose new session and remember token take that
 * session's user and auth time. One round trip to a store in another thread instead of two.
 */
export interface SessionSecondFactorAttempt
  extends Pick<SecondFactorAttempt, 'authenticatorId' | 'now' | 'limits' | 'check' | 'prepare'> {
  /** The session cookie's key (store/session-key.ts). */
  readonly sessionHash: string;
  /**
   * The full session's key (the same selector, a new validator) and expiry (created now; user and
   * auth time from the old one).
   */
  readonly next: { readonly idHash: string; readonly expiresAt: number };
  readonly remember: { readonly tokenHash: string; readonly expiresAt: number } | null;
}

export type SessionSecondFactorResult =
  /** No live session under that hash (expired, ended, never was): nothing was checked. */
  | { readonly kind: 'no-session' }
  /** The session is not half-logged-in: nothing was checked. */
  | { readonly kind: 'other-stage'; readonly stage: SessionStage }
  | {
      readonly kind: 'checked';
      readonly session: Session;
      readonly user: UserWithOrganisation;
      readonly result: SecondFactorResult;
    };

/**
 * The second step in one transaction: what SQLite's store composes verifySessionSecondFactor from.
 * Read, claim, match, replay guard, failure reset and session rotation in ONE transaction (one
 * commit): the chosen authenticator is read and prepared first (a malformed code costs nothing,
 * SECURITY #9), then the claim is made, atomically (SECURITY #8, #31), then `match` runs, and a
 * step is accepted only if later than the last accepted one, for exactly one of any set of
 * concurrent callers (SECURITY #4, #5).
 */
export type VerifySecondFactor = (attempt: SecondFactorAttempt) => Promise<SecondFactorResult>;

/** The second step as one unit (tables `users`, `authenticators`, `sessions` and their neighbours). */
export interface VerificationStore {
  /**
   * The session guard's read, then the attempt (the guarantees of VerifySecondFactor): SQLite
   * composes it from getSessionUser and its one-transaction check
   * (store/verify-session-second-factor.ts); PostgreSQL reads without a lock, then decides in one
   * statement that locks the session and the user (postgres-session-second-factor.ts), where a
   * session that ended before the decision is 'no-session', nothing counted ('session-gone' does
   * not occur).
   */
  verifySessionSecondFactor(attempt: SessionSecondFactorAttempt): Promise<SessionSecondFactorResult>;
}
