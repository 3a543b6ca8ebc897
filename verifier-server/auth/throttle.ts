import type { AppContext } from '../app-context';
import type { FailureOutcome } from '../store/store';

export type ThrottleRefusal =
  | { readonly kind: 'locked' }
  | { readonly kind: 'wait'; readonly seconds: number };

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
  const limits = {
    maxDelay: ctx.policy.maxDelaySeconds,
    lockAfter: ctx.policy.lockAfterFailures,
    ignoreLock,
  };
  const claim = await ctx.store.claimAttempt(userId, now, limits);
  if (claim) return claim;
  const user = await ctx.store.getUser(userId);
  if (user?.locked && !ignoreLock) return { kind: 'locked' };
  return { kind: 'wait', seconds: Math.max(1, (user?.throttleUntil ?? now) - now) };
}

export function isRefusal(x: FailureOutcome | ThrottleRefusal): x is ThrottleRefusal {
  return 'kind' in x;
}

/** Logs a failed claimed attempt (it is already counted); notes the moment the account locks. */
export function logFailure(ctx: AppContext, userId: number, claim: FailureOutcome, reason: string): void {
  ctx.log.info(
    { event: 'second-factor.failed', userId, reason, failures: claim.failedAttempts },
    'second factor failed',
  );
  if (claim.failedAttempts === ctx.policy.lockAfterFailures) {
    ctx.log.warn({ event: 'account.locked', userId }, 'account locked after repeated failures');
  }
}
