import type { AppContext } from '../app-context';
import type { ClaimLimits, FailureOutcome } from '../store/store';

export type ThrottleRefusal =
  | { readonly kind: 'locked' }
  | { readonly kind: 'wait'; readonly seconds: number };

/** The per-account limits of the policy (SECURITY #8). */
export function claimLimits(ctx: AppContext, ignoreLock = false): ClaimLimits {
  return { maxDelay: ctx.policy.maxDelaySeconds, lockAfter: ctx.policy.lockAfterFailures, ignoreLock };
}

/** Why a claim was refused, from the account's state: locked, or the seconds left to wait (≥ 1). */
export function refusal(
  state: { readonly locked: boolean; readonly throttleUntil: number },
  now: number,
  ignoreLock = false,
): ThrottleRefusal {
  if (state.locked && !ignoreLock) return { kind: 'locked' };
  return { kind: 'wait', seconds: Math.max(1, state.throttleUntil - now) };
}

/**
 * Claims one second-factor attempt in the per-account throttle (SECURITY #8), shared by every
 * session and authenticator of the account. Returns the refusal when the account must wait or is locked.
 */
export async function claimAttempt(
  ctx: AppContext,
  userId: number,
  ignoreLock = false,
): Promise<FailureOutcome | ThrottleRefusal> {
  const now = ctx.nowSeconds();
  const claim = await ctx.store.claimAttempt(userId, now, claimLimits(ctx, ignoreLock));
  if (claim) return claim;
  const user = await ctx.store.getUser(userId);
  return refusal(
    { locked: user?.locked ?? false, throttleUntil: user?.throttleUntil ?? now },
    now,
    ignoreLock,
  );
}

export function isRefusal(x: FailureOutcome | ThrottleRefusal): x is ThrottleRefusal {
  return 'kind' in x;
}

/** Whether this failure is the one that locked the account. */
export function lockedNow(ctx: AppContext, claim: FailureOutcome): boolean {
  return claim.failedAttempts === ctx.policy.lockAfterFailures;
}

/** Logs a failed claimed attempt (it is already counted); notes the moment the account locks. */
export function logFailure(ctx: AppContext, userId: number, claim: FailureOutcome, reason: string): void {
  ctx.log.info(
    { event: 'second-factor.failed', userId, reason, failures: claim.failedAttempts },
    'second factor failed',
  );
  if (lockedNow(ctx, claim)) {
    ctx.log.warn({ event: 'account.locked', userId }, 'account locked after repeated failures');
  }
}
