import type { FastifyInstance } from 'fastify';
import { validateAuthenticatorName } from '../account/validate-authenticator-name';
import type { AppContext } from '../app-context';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { hasRecentLogin, redirectToReauth, requireStage } from '../http/session-guard';
import { notifyUser } from '../outbox/notify-user';
import type { UserWithOrganisation } from '../store/store';
import { RemoveAuthenticatorPage } from '../views/remove-authenticator-page';

interface IdParams {
  readonly id: string;
}

/** Rename and remove an authenticator from "Mijn gegevens". */
export function authenticatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireStage(ctx, 'full');

  app.post<{ Params: IdParams }>(
    '/account/authenticators/:id/rename',
    { preHandler: guard },
    async (request, reply) => {
      const { name } = readForm(request.body, { name: { max: 200 } });
      const user = request.user as UserWithOrganisation;
      const existing = await ctx.store.listAuthenticators(user.id);
      const check = validateAuthenticatorName(name, existing, request.params.id);
      if (!check.ok) {
        setFlash(reply, check.error, check.params, 'error');
        return reply.redirect('/account', 303);
      }
      if (!(await ctx.store.renameAuthenticator(request.params.id, user.id, check.name))) {
        setFlash(reply, 'account.notFound', undefined, 'error');
      } else {
        setFlash(reply, 'account.renamed', { name: check.name });
      }
      return reply.redirect('/account', 303);
    },
  );

  app.get<{ Params: IdParams }>(
    '/account/authenticators/:id/remove',
    { preHandler: guard },
    async (request, reply) => {
      const user = request.user as UserWithOrganisation;
      const authenticator = await ctx.store.getAuthenticator(request.params.id, user.id);
      if (!authenticator) {
        setFlash(reply, 'account.notFound', undefined, 'error');
        return reply.redirect('/account', 303);
      }
      if (!hasRecentLogin(ctx, request)) return redirectToReauth(reply, request.url);
      const page = (
        <RemoveAuthenticatorPage page={pageContext(request, reply)} authenticator={authenticator} />
      );
      return sendPage(reply, 200, page);
    },
  );

  app.post<{ Params: IdParams }>(
    '/account/authenticators/:id/remove',
    { preHandler: guard },
    async (request, reply) => {
      const user = request.user as UserWithOrganisation;
      if (!hasRecentLogin(ctx, request))
        return redirectToReauth(reply, `/account/authenticators/${request.params.id}/remove`);
      const authenticator = await ctx.store.getAuthenticator(request.params.id, user.id);
      if (!authenticator || !(await ctx.store.removeAuthenticator(authenticator.id, user.id))) {
        setFlash(reply, 'account.notFound', undefined, 'error');
        return reply.redirect('/account', 303);
      }
      // SECURITY #18: removing an authenticator revokes every remembered browser.
      await ctx.store.revokeRememberTokens(user.id);
      ctx.log.info(
        { event: 'authenticator.removed', userId: user.id, authenticatorId: authenticator.id },
        'authenticator removed',
      );
      await notifyUser(ctx, request.t, user, 'notify.removedSubject', 'notify.removedBody', {
        name: authenticator.name,
      });
      setFlash(reply, 'account.removed', { name: authenticator.name });
      return reply.redirect('/account', 303);
    },
  );
}
