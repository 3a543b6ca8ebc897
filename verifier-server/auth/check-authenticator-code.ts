import type { AppContext } from '../app-context';
import type { Translate } from '../i18n/translator';
import { notifyUser } from '../outbox/notify-user';
import type { UserWithOrganisation } from '../store/store';
import { isWellFormedCode, matchTotpStep } from './match-totp-step';
import { authenticatorAad, openSecret, SecretIntegrityError } from './secret-box';
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
  const code = normalizeCode(rawCode);
  // SECURITY #9: malformed input never reaches the HMAC (and costs no attempt: it is a typo).
  if (!isWellFormedCode(code, authenticator.digits))
    return { ok: false, reason: 'format', digits: authenticator.digits };

  let secret: Uint8Array;
  try {
    secret = openSecret(
      ctx.keys.secrets,
      authenticator.secretSealed,
      authenticatorAad(authenticator.id, user.id),
    );
  } catch (err) {
    if (!(err instanceof SecretIntegrityError)) throw err;
    // A damaged or swapped row: no code can match, so costing the user attempts would only lock them out.
    const ids = { event: 'secret.integrity', userId: user.id, authenticatorId: authenticator.id };
    ctx.log.error(ids, 'stored secret failed authentication');
    return { ok: false, reason: 'unavailable' };
  }

  const claim = await claimAttempt(ctx, user.id);
  if (isRefusal(claim))
    return claim.kind === 'locked'
      ? { ok: false, reason: 'locked' }
      : { ok: false, reason: 'wait', seconds: claim.seconds };

  const { algorithm, digits, period } = authenticator;
  const step = matchTotpStep(secret, code, { algorithm, digits, period }, ctx.config.now());
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
