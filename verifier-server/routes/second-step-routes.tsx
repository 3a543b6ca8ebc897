import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { type CodeCheck, checkAuthenticatorCode } from '../auth/check-authenticator-code';
import { rememberBrowser } from '../auth/remember-browser';
import { rotateSession } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { requireStage } from '../http/session-guard';
import { SecondStepPage } from '../views/second-step-page';

type Failure = Exclude<CodeCheck, { ok: true }>;

function failureAnswer(request: FastifyRequest, failure: Failure): [number, string] {
  const t = request.t;
  switch (failure.reason) {
    case 'format':
      return [400, t('mfa.badFormat', { digits: failure.digits })];
    case 'unknown-authenticator':
      return [400, t('mfa.unknownAuthenticator')];
    case 'wrong':
      return [401, t('mfa.wrongCode')];
    case 'locked':
      return [403, t('mfa.locked')];
    case 'unavailable':
      return [409, t('mfa.unavailable')];
    case 'wait':
      return [429, t('mfa.throttled', { seconds: failure.seconds })];
  }
}

/** The second step: "Kies uw authenticator:" and "Authenticator code:". */
export function secondStepRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireStage(ctx, 'mfa');

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    extra: { selected?: string; remember?: boolean; error?: string } = {},
  ) => {
    const user = request.user;
    const authenticators = user ? await ctx.store.listAuthenticators(user.id) : [];
    if (authenticators.length === 0) return reply.redirect('/login/fallback', 303);
    const list = authenticators.map(({ id, name }) => ({ id, name }));
    return sendPage(
      reply,
      status,
      <SecondStepPage page={pageContext(request, reply)} authenticators={list} {...extra} />,
    );
  };

  app.get('/login/code', { preHandler: guard }, (request, reply) => render(request, reply, 200));

  app.post('/login/code', { preHandler: guard }, async (request, reply) => {
    const form = readForm(request.body, {
      authenticator: { max: 64 },
      code: { max: 32 },
      remember: { max: 8, optional: true },
    });
    const session = request.session;
    const user = request.user;
    if (!session || !user) return reply.redirect('/login', 303);
    const remember = form.remember !== '';
    const result = await checkAuthenticatorCode(ctx, request.t, user, form.authenticator, form.code);
    if (!result.ok) {
      const [status, error] = failureAnswer(request, result);
      if (result.reason === 'wait') reply.header('retry-after', String(result.seconds));
      return render(request, reply, status, { selected: form.authenticator, remember, error });
    }
    const full = await rotateSession(ctx, reply, session, 'full');
    if (!full) {
      setFlash(reply, 'login.expired');
      return reply.redirect('/login', 303);
    }
    if (remember) await rememberBrowser(ctx, reply, user.id);
    ctx.log.info({ event: 'login.success', userId: user.id, secondFactor: 'totp' }, 'logged in');
    return reply.redirect('/account', 303);
  });
}
