import type { RememberToken, Session } from './session-store';
import type { ClaimLimits, FailureOutcome } from './throttle-store';

/** One code typed at the second step (POST /login/code), with what its acceptance changes. */
export interface SecondFactorAttempt {
  readonly userId: number;
  readonly authenticatorId: string;
  readonly now: number;
  /** The lock always applies here (only the fallback code passes it). */
  readonly limits: Pick<ClaimLimits, 'maxDelay' | 'lockAfter'>;
  /**
   * The matching time step, or null. Called once, inside the transaction and after the attempt is
   * claimed (SECURITY #31); synchronous and quick (the HMACs), so the transaction stays short.
   */
  readonly match: () => number | null;
  /** On acceptance the half-logged-in session moves to `next` (SECURITY #14) … */
  readonly rotate: { readonly oldHash: string; readonly next: Session };
  /** … and, when the user ticked it, the browser is remembered (SECURITY #18). */
  readonly remember: RememberToken | null;
}

export type SecondFactorResult =
  /** The step was accepted, the failures reset, the session rotated (and the token saved). */
  | { readonly kind: 'accepted' }
  /** Not claimed: the account waits until `throttleUntil`, or is locked; nothing was counted. */
  | { readonly kind: 'refused'; readonly locked: boolean; readonly throttleUntil: number }
  /** Claimed and counted as a failure: no step matched, or the step was not later than the last one. */
  | { readonly kind: 'wrong' | 'replay'; readonly claim: FailureOutcome }
  /** Claimed and counted; the code matched but the session ended meanwhile, so nothing was accepted. */
  | { readonly kind: 'session-gone'; readonly claim: FailureOutcome };

/** The second step as one unit (tables `users`, `authenticators`, `sessions` and their neighbours). */
export interface VerificationStore {
  /**
   * Claim, match, replay guard, failure reset and session rotation in ONE transaction (one commit):
   * the claim comes first and is atomic (SECURITY #8, #31), a step is accepted only if later than
   * the last accepted one, for exactly one of any set of concurrent callers (SECURITY #4, #5).
   */
  verifySecondFactor(attempt: SecondFactorAttempt): Promise<SecondFactorResult>;
}
