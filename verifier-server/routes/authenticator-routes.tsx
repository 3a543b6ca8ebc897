import type { FastifyInstance } from 'fastify';
import { validateAuthenticatorName } from '../account/validate-authenticator-name';
import type { AppContext } from '../app-context';
import { rotateSession } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { withRecentLogin, withSession } from '../http/session-guard';
import { createNoticeDamper } from '../outbox/notice-damper';
import { notifyUser } from '../outbox/notify-user';
import { NAME_TAKEN } from '../store/authenticator-store';
import { renameFieldId } from '../views/account-page';
import { RemoveAuthenticatorPage } from '../views/remove-authenticator-page';

interface IdRoute {
  readonly Params: { readonly id: string };
}

/** The window of the rename e-mail: one per authenticator in it. */
const RENAME_NOTICE_SECONDS = 600;

const removePath = (id: string) => `/account/authenticators/${id}/remove`;

/**
 * `:id` as the store makes them (crypto.randomUUID): any other text is answered 404 by the router
 * and never reaches the store (PostgreSQL refuses a NUL byte with an error, not a miss).
 */
const ID = ':id(^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$)';

/** Rename and remove an authenticator from "Mijn gegevens". */
export function authenticatorRoutes(app: FastifyInstance, ctx: AppContext): void {
  // A rename has no limit of its own: its e-mail goes at most once per authenticator per window.
  const renameNotice = createNoticeDamper(RENAME_NOTICE_SECONDS);
  app.post<IdRoute>(
    `/account/authenticators/${ID}/rename`,
    withSession<IdRoute>(ctx, 'full', async (request, reply, { user }) => {
      const { name } = readForm(request.body, { name: { max: 200 } });
      const existing = await ctx.store.listAuthenticators(user.id);
      const check = validateAuthenticatorName(name, existing, request.params.id);
      // A refused name: "Mijn gegevens" opens this rename again with the name typed, marked.
      const field = { id: renameFieldId(request.params.id), value: name };
      if (!check.ok) {
        setFlash(reply, check.error, check.params, 'error', field);
        return reply.redirect('/account', 303);
      }
      // The store judges the name again in the rename's transaction (another tab or instance).
      switch (await ctx.store.renameAuthenticator(request.params.id, user.id, check.name)) {
        case 'renamed': {
          // A rename needs no recent login (it gives no access), but the owner hears of it: a name
          // is what staff pick at login and what a removal names (found by an attacker review).
          const old = existing.find((a) => a.id === request.params.id)?.name;
          if (old !== undefined && old !== check.name) {
            ctx.log.info(
              { event: 'authenticator.renamed', userId: user.id, authenticatorId: request.params.id },
              'authenticator renamed',
            );
            // One e-mail per authenticator tells the owner (and says to look again); more renames
            // of it within the window would only flood them.
            if (renameNotice(request.params.id, ctx.nowSeconds())) {
              const params = { old, name: check.name };
              await notifyUser(ctx, request.t, user, 'notify.renamedSubject', 'notify.renamedBody', params);
            }
          }
          setFlash(reply, 'account.renamed', { name: check.name });
          break;
        }
        case 'not-found':
          setFlash(reply, 'account.notFound', undefined, 'error');
          break;
        case NAME_TAKEN:
          setFlash(reply, 'enroll.nameTaken', { name: check.name }, 'error', field);
          break;
      }
      return reply.redirect('/account', 303);
    }),
  );

  app.get<IdRoute>(
    `/account/authenticators/${ID}/remove`,
    withRecentLogin<IdRoute>(
      ctx,
      (request) => removePath(request.params.id),
      async (request, reply, auth) => {
        const authenticator = await ctx.store.getAuthenticator(request.params.id, auth.user.id);
        if (!authenticator) {
          setFlash(reply, 'account.notFound', undefined, 'error');
          return reply.redirect('/account', 303);
        }
        const page = (
          <RemoveAuthenticatorPage page={pageContext(request, reply, auth)} authenticator={authenticator} />
        );
        return sendPage(reply, 200, page);
      },
    ),
  );

  app.post<IdRoute>(
    `/account/authenticators/${ID}/remove`,
    withRecentLogin<IdRoute>(
      ctx,
      (request) => removePath(request.params.id),
      async (request, reply, { session, user }) => {
        const authenticator = await ctx.store.getAuthenticator(request.params.id, user.id);
        // SECURITY #18, #29: in the same transaction the removal revokes every remembered browser
        // and ends every other session of the user (a lost or reinstalled PC's), as a password
        // change does; this one stays, under a new id.
        if (
          !authenticator ||
          !(await ctx.store.removeAuthenticator(authenticator.id, user.id, session.idHash))
        ) {
          setFlash(reply, 'account.notFound', undefined, 'error');
          return reply.redirect('/account', 303);
        }
        const rotated = await rotateSession(ctx, reply, session, 'full');
        ctx.log.info(
          { event: 'authenticator.removed', userId: user.id, authenticatorId: authenticator.id },
          'authenticator removed',
        );
        const name = authenticator.name;
        await notifyUser(ctx, request.t, user, 'notify.removedSubject', 'notify.removedBody', { name });
        // This session too ended meanwhile (a logout, or a rotation in another tab that the removal
        // ended): the authenticator is removed all the same; log in again.
        if (!rotated) {
          setFlash(reply, 'account.removedLogIn', { name });
          return reply.redirect('/login', 303);
        }
        setFlash(reply, 'account.removed', { name });
        return reply.redirect('/account', 303);
      },
    ),
  );
}
