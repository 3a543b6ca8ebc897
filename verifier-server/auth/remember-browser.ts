import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import type { RememberToken } from '../store/store';
import { cookieOptions } from './session-cookies';
import { hashToken, randomToken } from './tokens';

export function rememberCookieName(secure: boolean): string {
  return secure ? '__Host-remember' : 'remember';
}

/**
 * "Onthoud deze browser voor 7 dagen" (SECURITY #18): a random 256-bit token, stored only as
 * its hash, bound to one user, with an absolute expiry that the server checks. Returns the cookie
 * value and the row; the second step saves the row in its own transaction.
 */
export function newRememberToken(ctx: AppContext, userId: number): [string, RememberToken] {
  const { token, tokenHash, expiresAt } = newRememberId(ctx);
  return [token, { tokenHash, userId, expiresAt, revoked: false }];
}

/** A new remember cookie's value, the hash its row is stored under, and its expiry. */
export function newRememberId(ctx: AppContext) {
  const token = randomToken();
  return { token, tokenHash: hashToken(token), expiresAt: ctx.nowSeconds() + ctx.policy.rememberSeconds };
}

export function setRememberCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(
    rememberCookieName(ctx.config.secureCookies),
    token,
    cookieOptions(ctx, ctx.policy.rememberSeconds),
  );
}

/** What this browser's remember cookie says about one user. */
export type RememberedState =
  /** A live token of this user; `tokenHash` names the browser (its own password throttle). */
  | { readonly kind: 'remembered'; readonly tokenHash: string }
  | { readonly kind: 'none' }
  /** Expired or revoked: just dropped. */
  | { readonly kind: 'stale' }
  /**
   * A live token of another user: a colleague remembered this shared computer. It spares this
   * user nothing and is no attack (it was issued, to whoever logged in here); it is left for its
   * owner.
   */
  | { readonly kind: 'other-user' }
  /** Never issued: a forgery (SECURITY #18). */
  | { readonly kind: 'forged' };

/** Reads the remember cookie against `userId`; changes nothing. */
export async function rememberedState(
  ctx: AppContext,
  request: FastifyRequest,
  userId: number,
): Promise<RememberedState> {
  const raw = request.cookies[rememberCookieName(ctx.config.secureCookies)];
  if (raw === undefined) return { kind: 'none' };
  const tokenHash = hashToken(raw);
  const token = raw.length <= 100 ? await ctx.store.getRememberToken(tokenHash) : null;
  if (!token) return { kind: 'forged' };
  if (token.revoked || token.expiresAt <= ctx.nowSeconds()) return { kind: 'stale' };
  if (token.userId !== userId) return { kind: 'other-user' };
  return { kind: 'remembered', tokenHash };
}

export function forgetRememberCookie(ctx: AppContext, reply: FastifyReply): void {
  reply.clearCookie(rememberCookieName(ctx.config.secureCookies), cookieOptions(ctx));
}
