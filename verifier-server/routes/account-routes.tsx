import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeMobile } from '../account/normalize-mobile';
import type { AppContext } from '../app-context';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { requireStage } from '../http/session-guard';
import type { UserWithOrganisation } from '../store/store';
import { AccountPage } from '../views/account-page';

/** "Mijn gegevens": details, mobile number, the authenticator list, "Vergeet alle browsers". */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireStage(ctx, 'full');

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { mobileInput?: string; error?: string } = {},
  ) => {
    const user = request.user as UserWithOrganisation;
    const authenticators = await ctx.store.listAuthenticators(user.id);
    const page = pageContext(request, reply);
    return sendPage(
      reply,
      status,
      <AccountPage page={page} user={user} authenticators={authenticators} {...extra} />,
    );
  };

  app.get('/account', { preHandler: guard }, (request, reply) => render(request, reply, 200));

  app.post('/account/mobile', { preHandler: guard }, async (request, reply) => {
    const { mobile } = readForm(request.body, { mobile: { max: 40 } });
    const user = request.user as UserWithOrganisation;
    const trimmed = mobile.trim();
    // An empty field (or only the "+31 " we prefill) removes the number.
    const normalized = trimmed === '' || trimmed === '+31' ? null : normalizeMobile(trimmed);
    if (normalized === null && trimmed !== '' && trimmed !== '+31') {
      return render(request, reply, 400, { mobileInput: mobile, error: request.t('account.mobileInvalid') });
    }
    await ctx.store.setMobile(user.id, normalized);
    setFlash(reply, 'account.mobileSaved');
    return reply.redirect('/account', 303);
  });

  app.post('/account/forget-browsers', { preHandler: guard }, async (request, reply) => {
    const user = request.user as UserWithOrganisation;
    await ctx.store.revokeRememberTokens(user.id);
    ctx.log.info(
      { event: 'remember.revoked', userId: user.id, why: 'forget-all' },
      'remembered browsers forgotten',
    );
    setFlash(reply, 'account.browsersForgotten');
    return reply.redirect('/account', 303);
  });
}
