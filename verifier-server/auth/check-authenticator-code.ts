import type { TotpParameters } from '../../shared/otp-parameters';
import type { AppContext } from '../app-context';
import type { Translate } from '../i18n/translator';
import { notifyUser } from '../outbox/notify-user';
import type { UserWithOrganisation } from '../store/store';
import { isWellFormedCode, matchTotpStep } from './match-totp-step';
import { openTotpSecret, type SealedTotpSecret } from './open-totp-secret';
import { claimAttempt, isRefusal, logFailure } from './throttle';

export type CodeCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'format'; readonly digits: number }
  | { readonly ok: false; readonly reason: 'unknown-authenticator' | 'wrong' | 'locked' | 'unavailable' }
  | { readonly ok: false; readonly reason: 'wait'; readonly seconds: number };

/** People copy "123 456" as the extension shows it: spaces are not part of the code. */
export function normalizeCode(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** A typed code against a sealed secret, as login and enrollment both need it. */
export type PreparedCode =
  | { readonly kind: 'format'; readonly digits: number }
  | { readonly kind: 'unavailable' }
  | {
      readonly kind: 'ready';
      /** The matching time step within ±1 (SECURITY #3), or null; the caller accepts it atomically. */
      readonly match: () => number | null;
    };

/**
 * The shared first half of every TOTP check: malformed input is refused before any secret is
 * opened or HMAC computed (SECURITY #9; it costs no attempt: it is a typo), then the secret is
 * opened (a damaged row is 'unavailable').
 */
export function prepareCode(
  ctx: AppContext,
  sealed: SealedTotpSecret,
  otp: TotpParameters,
  rawCode: string,
): PreparedCode {
  const code = normalizeCode(rawCode);
  if (!isWellFormedCode(code, otp.digits)) return { kind: 'format', digits: otp.digits };
  const secret = openTotpSecret(ctx, sealed);
  if (secret === null) return { kind: 'unavailable' };
  return { kind: 'ready', match: () => matchTotpStep(secret, code, otp, ctx.config.now()) };
}

/**
 * Checks a code against the one authenticator the user chose (never "any of them", SECURITY #7),
 * within the account throttle, and accepts its time step at most once (SECURITY #4, #5).
 */
export async function checkAuthenticatorCode(
  ctx: AppContext,
  t: Translate,
  user: UserWithOrganisation,
  authenticatorId: string,
  rawCode: string,
): Promise<CodeCheck> {
  const authenticator = await ctx.store.getAuthenticator(authenticatorId, user.id);
  if (!authenticator) return { ok: false, reason: 'unknown-authenticator' };
  const { algorithm, digits, period } = authenticator;
  const sealed = { authenticatorId, userId: user.id, secretSealed: authenticator.secretSealed };
  const prepared = prepareCode(ctx, sealed, { algorithm, digits, period }, rawCode);
  if (prepared.kind === 'format') return { ok: false, reason: 'format', digits: prepared.digits };
  // A damaged or swapped row: no code can match, so costing the user attempts would only lock them out.
  if (prepared.kind === 'unavailable') return { ok: false, reason: 'unavailable' };

  // SECURITY #31: the attempt is claimed before the HMAC, so parallel guesses share no slot.
  const claim = await claimAttempt(ctx, user.id);
  if (isRefusal(claim))
    return claim.kind === 'locked'
      ? { ok: false, reason: 'locked' }
      : { ok: false, reason: 'wait', seconds: claim.seconds };

  const step = prepared.match();
  if (step === null) {
    logFailure(ctx, user.id, claim, 'wrong-code');
    return { ok: false, reason: claim.locked ? 'locked' : 'wrong' };
  }
  if (!(await ctx.store.acceptStep(authenticator.id, user.id, step, ctx.nowSeconds()))) {
    // SECURITY #6: a valid but already used (or older) code is a replay: log it, tell the owner.
    ctx.log.warn(
      { event: 'totp.replay', userId: user.id, authenticatorId: authenticator.id },
      'one-time code replayed',
    );
    await notifyUser(ctx, t, user, 'notify.replaySubject', 'notify.replayBody', { name: authenticator.name });
    logFailure(ctx, user.id, claim, 'replay');
    return { ok: false, reason: claim.locked ? 'locked' : 'wrong' };
  }
  return { ok: true };
}
