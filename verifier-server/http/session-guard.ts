import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { readSession } from '../auth/session-cookies';
import type { SessionStage } from '../store/store';
import { setFlash } from './flash';

/**
 * preHandler for routes that need a session in `stage`. The half-logged-in stage opens
 * only the second-step routes (SECURITY #15); anything else is sent where it belongs.
 */
export function requireStage(ctx: AppContext, stage: SessionStage) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await readSession(ctx, request);
    const user = session ? await ctx.store.getUser(session.userId) : null;
    if (!session || !user) {
      setFlash(reply, stage === 'mfa' ? 'login.expired' : 'login.required', undefined, 'error');
      return reply.redirect('/login', 303);
    }
    if (session.stage !== stage)
      return reply.redirect(session.stage === 'mfa' ? '/login/code' : '/account', 303);
    request.session = session;
    request.user = user;
  };
}

/** True when the password was entered recently enough to add or remove an authenticator (SECURITY #17). */
export function hasRecentLogin(ctx: AppContext, request: FastifyRequest): boolean {
  const session = request.session;
  return session !== null && ctx.nowSeconds() - session.authTime <= ctx.policy.recentAuthSeconds;
}

export function redirectToReauth(reply: FastifyReply, next: string): FastifyReply {
  return reply.redirect(`/account/reauth?next=${encodeURIComponent(next)}`, 303);
}
