import { randomInt } from 'node:crypto';
import type { AppContext } from '../app-context';
import type { Translate } from '../i18n/translator';
import type { FallbackChannel, Session, UserWithOrganisation } from '../store/store';
import { countFailure } from './count-failure';
import { fallbackSendCap, SEND_WINDOW_SECONDS, type SendCap } from './fallback-send-cap';
import type { SendClient } from './fallback-send-client';
import { isWellFormedCode } from './match-totp-step';
import { claimAttempt, isRefusal } from './throttle';
import { constantTimeEqual, keyedHash } from './tokens';
import { normalizeCode } from './totp-code-checker';

/** Digits of a code sent by e-mail or SMS. */
export const FALLBACK_CODE_DIGITS = 6;

export type SendResult =
  | { readonly ok: true; readonly to: string }
  | { readonly ok: false; readonly reason: 'no-mobile' }
  | ({ readonly ok: false; readonly reason: 'capped' } & SendCap);

/**
 * The send cap that stops a send to this account from `client` now (its scope, its limit and when
 * a send fits again), or null while both caps admit one.
 */
export async function sendCap(
  ctx: AppContext,
  userId: number,
  client: SendClient,
  now: number,
): Promise<SendCap | null> {
  const sends = await ctx.store.listFallbackSends(userId, now - SEND_WINDOW_SECONDS);
  return fallbackSendCap(sends, client.key, ctx.policy, now, client.device);
}

/** Keyed and bound to this login attempt: the same digits in another session hash differently. */
function codeHash(ctx: AppContext, session: Session, code: string): string {
  return keyedHash(ctx.keys.fallbackCodes, session.idHash, code);
}

/**
 * Sends a fresh 6-digit code by e-mail or SMS (SECURITY #19). It replaces any earlier code of
 * this login attempt; sends are capped per account and client (`sendClientOf`: a network, or a
 * device of the user) per hour, under a looser cap per account that holds no device.
 */
export async function sendFallbackCode(
  ctx: AppContext,
  t: Translate,
  session: Session,
  user: UserWithOrganisation,
  channel: FallbackChannel,
  client: SendClient,
): Promise<SendResult> {
  const to = channel === 'email' ? user.email : user.mobile;
  if (to === null) return { ok: false, reason: 'no-mobile' };
  const now = ctx.nowSeconds();
  const limits = {
    since: now - SEND_WINDOW_SECONDS,
    perClient: ctx.policy.fallbackSendsPerClientPerHour,
    // A device of the user is held by its own cap only; its sends still count for the others.
    perAccount: client.device ? Number.POSITIVE_INFINITY : ctx.policy.fallbackSendsPerHour,
  };
  if (!(await ctx.store.recordFallbackSend(user.id, { sentAt: now, client: client.key }, limits))) {
    // None blocking: one left the window just now.
    const cap = (await sendCap(ctx, user.id, client, now)) ?? {
      scope: client.device ? 'device' : 'client',
      limit: limits.perClient,
      retryAt: now + 1,
    };
    return { ok: false, reason: 'capped', ...cap };
  }
  const code = randomInt(0, 10 ** FALLBACK_CODE_DIGITS)
    .toString()
    .padStart(FALLBACK_CODE_DIGITS, '0');
  await ctx.store.saveFallbackCode({
    sessionHash: session.idHash,
    channel,
    codeHash: codeHash(ctx, session, code),
    expiresAt: now + ctx.policy.fallbackCodeSeconds,
    attempts: 0,
  });
  await ctx.transport.send(
    channel === 'email'
      ? { channel, to, subject: t('fallback.mailSubject'), body: t('fallback.mailBody', { code }) }
      : { channel, to, subject: null, body: t('fallback.smsBody', { code }) },
  );
  ctx.log.info({ event: 'fallback.sent', userId: user.id, channel }, 'fallback code sent');
  return { ok: true, to };
}

export type FallbackCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'format' | 'no-code' | 'wrong' }
  | { readonly ok: false; readonly reason: 'wait'; readonly seconds: number };

/**
 * Checks a fallback code: single use, within its lifetime and attempt limit; a failure counts in
 * the account throttle. The lock does not apply: the fallback is how a locked user gets back in;
 * its own limits (attempts per code, sends per hour) bound guessing there.
 */
export async function checkFallbackCode(
  ctx: AppContext,
  t: Translate,
  session: Session,
  user: UserWithOrganisation,
  rawCode: string,
): Promise<FallbackCheck> {
  const now = ctx.nowSeconds();
  const code = normalizeCode(rawCode);
  if (!isWellFormedCode(code, FALLBACK_CODE_DIGITS)) return { ok: false, reason: 'format' };
  const stored = await ctx.store.getFallbackCode(session.idHash, now);
  if (!stored) return { ok: false, reason: 'no-code' };
  const claim = await claimAttempt(ctx, user.id, true);
  if (isRefusal(claim))
    return { ok: false, reason: 'wait', seconds: claim.kind === 'wait' ? claim.seconds : 1 };
  const hash = codeHash(ctx, session, code);
  if (
    constantTimeEqual(hash, stored.codeHash) &&
    (await ctx.store.consumeFallbackCode(session.idHash, hash, now))
  ) {
    // The fallback clears the lock and the failure count (SECURITY #8).
    await ctx.store.unlock(user.id);
    return { ok: true };
  }
  await ctx.store.failFallbackCode(session.idHash, ctx.policy.fallbackCodeAttempts);
  await countFailure(ctx, t, user, claim, 'wrong-fallback-code');
  return { ok: false, reason: 'wrong' };
}
