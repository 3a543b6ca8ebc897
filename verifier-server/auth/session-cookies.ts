import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { splitSessionKey } from '../store/session-key';
import type { LoginGuard, Session, SessionStage } from '../store/store';
import { newSessionToken, sessionKeyOf } from './session-token';

export function sessionCookieName(secure: boolean): string {
  // __Host- pins the cookie to this exact origin over https (no Domain, Path=/).
  return secure ? '__Host-sid' : 'sid';
}

export function cookieOptions(ctx: AppContext, maxAgeSeconds?: number) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.secureCookies,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The key of the request's session cookie (store/session-key.ts), or null without a plausible one. */
export function sessionHashOf(ctx: AppContext, request: FastifyRequest): string | null {
  const raw = request.cookies[sessionCookieName(ctx.config.secureCookies)];
  return raw ? sessionKeyOf(raw) : null;
}

/** The session named by the request's cookie, if it exists and has not expired. */
export async function readSession(ctx: AppContext, request: FastifyRequest): Promise<Session | null> {
  const idHash = sessionHashOf(ctx, request);
  return idHash === null ? null : ctx.store.getSession(idHash, ctx.nowSeconds());
}

/**
 * A session under a fresh random id (or, for a rotation, a new validator of `selector`): the
 * cookie value and the row (which holds only the validator's hash).
 */
export function newSession(
  ctx: AppContext,
  userId: number,
  stage: SessionStage,
  authTime: number,
  selector?: string,
): [string, Session] {
  const { token, idHash, createdAt, expiresAt } = newSessionId(ctx, stage, selector);
  return [token, { idHash, userId, stage, createdAt, expiresAt, authTime }];
}

/**
 * The cookie value of a session in `stage`, the key its row is stored under, and its lifetime:
 * a new session, or with `selector` the next id of that session (a rotation).
 */
export function newSessionId(ctx: AppContext, stage: SessionStage, selector?: string) {
  const createdAt = ctx.nowSeconds();
  const lifetime = stage === 'mfa' ? ctx.policy.mfaSeconds : ctx.policy.sessionSeconds;
  return { ...newSessionToken(selector), createdAt, expiresAt: createdAt + lifetime };
}

export function setSessionCookie(ctx: AppContext, reply: FastifyReply, token: string): void {
  reply.setCookie(sessionCookieName(ctx.config.secureCookies), token, cookieOptions(ctx));
}

/**
 * Starts a session under a new id; any session the browser had is ended first (SECURITY #14).
 * With `guard` (a login), only while the password and remember token it checked still hold: null,
 * and no cookie, when a password change or revocation came in between (SECURITY #18).
 */
export async function startSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  stage: SessionStage,
  guard?: LoginGuard,
): Promise<Session | null> {
  const old = await readSession(ctx, request);
  if (old) await ctx.store.deleteSession(old.idHash);
  const [token, session] = newSession(ctx, userId, stage, ctx.nowSeconds());
  if (!(await ctx.store.createSession(session, guard))) return null;
  setSessionCookie(ctx, reply, token);
  return session;
}

/**
 * Moves a session to a new id (and stage) atomically; the old id stops working at once (SECURITY #14).
 * A full session keeps its end: confirming the password or changing it renews the id and the
 * login's age, never the absolute 8 hours that began with the second factor.
 */
export async function rotateSession(
  ctx: AppContext,
  reply: FastifyReply,
  old: Session,
  stage: SessionStage,
  authTime = old.authTime,
): Promise<Session | null> {
  const [token, next] = newSession(ctx, old.userId, stage, authTime, splitSessionKey(old.idHash).selector);
  const session =
    old.stage === 'full' && stage === 'full'
      ? { ...next, expiresAt: Math.min(next.expiresAt, old.expiresAt) }
      : next;
  if (!(await ctx.store.rotateSession(old.idHash, session))) return null;
  setSessionCookie(ctx, reply, token);
  return session;
}

export async function endSession(
  ctx: AppContext,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  const old = await readSession(ctx, request);
  if (old) await ctx.store.deleteSession(old.idHash);
  // A __Host- cookie is only replaced (cleared) by a Set-Cookie with the same Secure and Path.
  reply.clearCookie(sessionCookieName(ctx.config.secureCookies), cookieOptions(ctx));
}
