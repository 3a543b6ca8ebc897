import type { AppContext } from '../app-context';
import type { Authenticated } from '../http/session-guard';
import type { Translate } from '../i18n/translator';
import { notifyUser } from '../outbox/notify-user';
import { splitSessionKey } from '../store/session-key';
import type { SecondFactorResult, SessionStage, UserWithOrganisation } from '../store/store';
import { countFailure } from './count-failure';
import { logSecretIntegrity } from './open-totp-secret';
import { newRememberId } from './remember-browser';
import { newSessionId } from './session-cookies';
import { claimLimits, refusal } from './throttle';

export type CodeCheck =
  /** Logged in: the cookies to set (the session's new id; the remember token, if asked for). */
  | { readonly ok: true; readonly sessionToken: string; readonly rememberToken: string | null }
  | { readonly ok: false; readonly reason: 'format'; readonly digits: number }
  | { readonly ok: false; readonly reason: 'unknown-authenticator' | 'wrong' | 'locked' | 'unavailable' }
  /**
   * A code of this authenticator that was already used (or older than one used): most often the
   * user's own, typed again within its 30 s (logging in right after adding the authenticator).
   */
  | { readonly ok: false; readonly reason: 'reused' }
  /** The session ended while the code was checked (a logout in another tab): log in again. */
  | { readonly ok: false; readonly reason: 'session-gone' }
  | { readonly ok: false; readonly reason: 'wait'; readonly seconds: number };

/** What the second step's POST found: no session, one in the other stage, or the check's answer. */
export type SecondStepCheck =
  | { readonly kind: 'no-session' }
  | { readonly kind: 'other-stage'; readonly stage: SessionStage }
  | { readonly kind: 'checked'; readonly auth: Authenticated; readonly result: CodeCheck };

/**
 * The second step for the session named by its cookie: the session guard's read and the check in
 * one store call (store/verify-session-second-factor.ts). Checks a code against the one
 * authenticator the user chose (never "any of them", SECURITY #7), within the account throttle,
 * accepts its time step at most once (SECURITY #4, #5) and moves the session to stage full under
 * a new id (SECURITY #14): the claim, the acceptance, the failure reset and the rotation are one
 * transaction in the store; a malformed code or a damaged secret costs nothing (SECURITY #9), and
 * the HMAC's step counts only if the claim is made (SECURITY #31; see Preparation.match).
 */
export async function checkSecondStep(
  ctx: AppContext,
  t: Translate,
  sessionHash: string,
  authenticatorId: string,
  rawCode: string,
  remember: boolean,
): Promise<SecondStepCheck> {
  const now = ctx.nowSeconds();
  // The same session under a new validator: the cookie that made this request stops working.
  const next = newSessionId(ctx, 'full', splitSessionKey(sessionHash).selector);
  const rememberId = remember ? newRememberId(ctx) : null;
  const check = { code: rawCode, nowMs: ctx.config.now() };
  const found = await ctx.store.verifySessionSecondFactor({
    sessionHash,
    authenticatorId,
    now,
    limits: claimLimits(ctx),
    check,
    prepare: (authenticator) => ctx.checkCode(authenticator, check),
    next: { idHash: next.idHash, expiresAt: next.expiresAt },
    remember: rememberId && { tokenHash: rememberId.tokenHash, expiresAt: rememberId.expiresAt },
  });
  if (found.kind !== 'checked') return found;
  const { session, user } = found;
  const answer = await codeCheck(ctx, t, user, authenticatorId, now, found.result);
  const result: CodeCheck = answer.ok
    ? { ok: true, sessionToken: next.token, rememberToken: rememberId?.token ?? null }
    : answer;
  return { kind: 'checked', auth: { session, user }, result };
}

/** What the store's answer means for the user (and what it logs and tells the owner). */
async function codeCheck(
  ctx: AppContext,
  t: Translate,
  user: UserWithOrganisation,
  authenticatorId: string,
  now: number,
  result: SecondFactorResult,
): Promise<{ readonly ok: true } | Exclude<CodeCheck, { ok: true }>> {
  switch (result.kind) {
    case 'accepted':
      return { ok: true };
    case 'unknown-authenticator':
      return { ok: false, reason: 'unknown-authenticator' };
    case 'not-prepared':
      if (result.refusal === 'format')
        return { ok: false, reason: 'format', digits: result.authenticator.digits };
      // A damaged or swapped row: no code can match, so costing the user attempts would only lock them out.
      logSecretIntegrity(ctx, user.id, authenticatorId);
      return { ok: false, reason: 'unavailable' };
    case 'refused': {
      const refused = refusal(result, now);
      return refused.kind === 'locked'
        ? { ok: false, reason: 'locked' }
        : { ok: false, reason: 'wait', seconds: refused.seconds };
    }
    case 'wrong':
      await countFailure(ctx, t, user, result.claim, 'wrong-code');
      return { ok: false, reason: result.claim.locked ? 'locked' : 'wrong' };
    case 'replay': {
      // SECURITY #6: a valid but already used (or older) code is a replay: log it, tell the owner.
      // The page says so too: the owner typing a code twice learns to wait for the next one, and
      // whoever else has the password and a seen code learns only that it is spent.
      const { name } = result.authenticator;
      ctx.log.warn({ event: 'totp.replay', userId: user.id, authenticatorId }, 'one-time code replayed');
      await notifyUser(ctx, t, user, 'notify.replaySubject', 'notify.replayBody', { name });
      await countFailure(ctx, t, user, result.claim, 'replay');
      return { ok: false, reason: result.claim.locked ? 'locked' : 'reused' };
    }
    case 'session-gone':
      await countFailure(ctx, t, user, result.claim, 'session-ended');
      return { ok: false, reason: 'session-gone' };
  }
}
