import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { cookieOptions } from './session-cookies';
import { registerFailure } from './throttle';
import { hashToken, randomToken } from './tokens';

export function rememberCookieName(secure: boolean): string {
  return secure ? '__Host-remember' : 'remember';
}

/**
 * "Onthoud deze browser voor 7 dagen" (SECURITY #18): a random 256-bit token, stored only as
 * its hash, bound to one user, with an absolute expiry that the server checks.
 */
export async function rememberBrowser(ctx: AppContext, reply: FastifyReply, userId: number): Promise<void> {
  const token = randomToken();
  const expiresAt = ctx.nowSeconds() + ctx.policy.rememberSeconds;
  await ctx.store.saveRememberToken({ tokenHash: hashToken(token), userId, expiresAt, revoked: false });
  reply.setCookie(
    rememberCookieName(ctx.config.secureCookies),
    token,
    cookieOptions(ctx, ctx.policy.rememberSeconds),
  );
}

/**
 * After a correct password: true when this browser is remembered for this user, so the code
 * may be skipped (never the password). A token that was never issued, or was issued to another
 * user, is a forgery and counts as a failed second factor; an expired or revoked one is just dropped.
 */
export async function isRememberedBrowser(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
): Promise<boolean> {
  const name = rememberCookieName(ctx.config.secureCookies);
  const raw = request.cookies[name];
  if (raw === undefined) return false;
  const token = raw.length <= 100 ? await ctx.store.getRememberToken(hashToken(raw)) : null;
  if (token && token.userId === userId && !token.revoked && token.expiresAt > ctx.nowSeconds()) return true;
  reply.clearCookie(name, cookieOptions(ctx));
  if (!token || token.userId !== userId) {
    ctx.log.warn({ event: 'remember.forged', userId }, 'unknown remember-browser token presented');
    await registerFailure(ctx, userId, 'forged-remember-token');
  }
  return false;
}
