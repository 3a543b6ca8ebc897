import type { FastifyReply, FastifyRequest, RouteGenericInterface } from 'fastify';
import type { AppContext } from '../app-context';
import { sessionHashOf } from '../auth/session-cookies';
import type { Session, SessionStage, UserWithOrganisation } from '../store/store';
import { setFlash } from './flash';

/** What the session guard proved: a live session in the route's stage, and its user. */
export interface Authenticated {
  readonly session: Session;
  readonly user: UserWithOrganisation;
}

export type GuardedHandler<R extends RouteGenericInterface> = (
  request: FastifyRequest<R>,
  reply: FastifyReply,
  auth: Authenticated,
) => Promise<FastifyReply | undefined> | FastifyReply;

/**
 * Wraps a route that needs a session in `stage`: the handler receives `{ session, user }`. The
 * half-logged-in stage opens only the second-step routes (SECURITY #15); a missing session goes to
 * the login page, a session in the other stage to its own place.
 */
export function withSession<R extends RouteGenericInterface = RouteGenericInterface>(
  ctx: AppContext,
  stage: SessionStage,
  handler: GuardedHandler<R>,
) {
  return async (request: FastifyRequest<R>, reply: FastifyReply) => {
    const idHash = sessionHashOf(ctx, request);
    const found = idHash === null ? null : await ctx.store.getSessionUser(idHash, ctx.nowSeconds());
    if (!found) return answerNoSession(reply, stage);
    if (found.session.stage !== stage) return answerOtherStage(reply, found.session.stage);
    return handler(request, reply, found);
  };
}

/** No live session where a route needs one in `stage`: to the login page, with a notice. */
export function answerNoSession(reply: FastifyReply, stage: SessionStage): FastifyReply {
  setFlash(reply, stage === 'mfa' ? 'login.expired' : 'login.required', undefined, 'error');
  return reply.redirect('/login', 303);
}

/** A session in the other stage than the route's: to that stage's own place. */
export function answerOtherStage(reply: FastifyReply, actual: SessionStage): FastifyReply {
  return reply.redirect(actual === 'mfa' ? '/login/code' : '/account', 303);
}

/**
 * withSession(ctx, 'full') for the pages that change a second factor or its channels: they need a
 * password entered this recently (SECURITY #17, #29), else "Bevestig uw wachtwoord" first, which
 * returns to `reauthTarget` (a GET page; a POST's form cannot be replayed after it).
 */
export function withRecentLogin<R extends RouteGenericInterface = RouteGenericInterface>(
  ctx: AppContext,
  /** Where to come back after the password; it may keep what the request carried (in `reply`'s cookies). */
  reauthTarget: (request: FastifyRequest<R>, reply: FastifyReply, auth: Authenticated) => string,
  handler: GuardedHandler<R>,
) {
  return withSession<R>(ctx, 'full', (request, reply, auth) =>
    ctx.nowSeconds() - auth.session.authTime <= ctx.policy.recentAuthSeconds
      ? handler(request, reply, auth)
      : reply.redirect(`/account/reauth?next=${encodeURIComponent(reauthTarget(request, reply, auth))}`, 303),
  );
}
