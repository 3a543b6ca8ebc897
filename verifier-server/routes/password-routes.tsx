import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_PASSWORD, MIN_PASSWORD } from '../account/password-policy';
import type { AppContext } from '../app-context';
import { checkPassword } from '../auth/check-password';
import { rotateSession } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { requireStage } from '../http/session-guard';
import { notifyUser } from '../outbox/notify-user';
import type { UserWithOrganisation } from '../store/store';
import { ChangePasswordPage } from '../views/change-password-page';
import { ReauthPage } from '../views/reauth-page';

/** Only pages that ask for a recent login may be the target of "Bevestig uw wachtwoord" (no open redirect). */
const REAUTH_TARGETS = [
  /^\/account\/authenticators\/new$/,
  /^\/account\/authenticators\/[0-9a-f-]{36}\/remove$/,
];

function safeNext(value: unknown): string {
  return typeof value === 'string' && REAUTH_TARGETS.some((re) => re.test(value)) ? value : '/account';
}

/** "Bevestig uw wachtwoord" (recent login) and "Wijzig wachtwoord". */
export function passwordRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireStage(ctx, 'full');

  app.get('/account/reauth', { preHandler: guard }, async (request: FastifyRequest, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    return sendPage(reply, 200, <ReauthPage page={pageContext(request, reply)} next={next} />);
  });

  app.post('/account/reauth', { preHandler: guard }, async (request, reply) => {
    const form = readForm(request.body, { password: { max: MAX_PASSWORD }, next: { max: 200 } });
    const next = safeNext(form.next);
    const user = request.user as UserWithOrganisation;
    const session = request.session;
    if (!session) return reply.redirect('/login', 303);
    const check = await checkPassword(ctx, user.username, form.password);
    if (!check.ok && check.reason === 'wait') {
      reply.header('retry-after', String(check.seconds));
      const error = request.t('login.throttled', { seconds: check.seconds });
      return sendPage(
        reply,
        429,
        <ReauthPage page={pageContext(request, reply)} next={next} error={error} />,
      );
    }
    if (!check.ok) {
      const page = (
        <ReauthPage page={pageContext(request, reply)} next={next} error={request.t('reauth.failed')} />
      );
      return sendPage(reply, 401, page);
    }
    // A fresh password proof gets a fresh session id, like a login (SECURITY #14).
    await rotateSession(ctx, reply, session, 'full', ctx.nowSeconds());
    return reply.redirect(next, 303);
  });

  app.get('/account/password', { preHandler: guard }, async (request, reply) =>
    sendPage(reply, 200, <ChangePasswordPage page={pageContext(request, reply)} minLength={MIN_PASSWORD} />),
  );

  app.post('/account/password', { preHandler: guard }, async (request, reply) => {
    const form = readForm(request.body, {
      current: { max: MAX_PASSWORD },
      // Far above the limit: a too long new password gets its own message below, not a bad-form page.
      new: { max: 4 * MAX_PASSWORD },
      confirm: { max: 4 * MAX_PASSWORD },
    });
    const user = request.user as UserWithOrganisation;
    const session = request.session;
    if (!session) return reply.redirect('/login', 303);
    const t = request.t;
    const fail = (status: number, error: string) =>
      sendPage(
        reply,
        status,
        <ChangePasswordPage page={pageContext(request, reply)} minLength={MIN_PASSWORD} error={error} />,
      );
    const length = [...form.new].length;
    if (length < MIN_PASSWORD) return fail(400, t('password.tooShort', { min: MIN_PASSWORD }));
    if (length > MAX_PASSWORD) return fail(400, t('password.tooLong', { max: MAX_PASSWORD }));
    if (form.new !== form.confirm) return fail(400, t('password.mismatch'));
    const check = await checkPassword(ctx, user.username, form.current);
    if (!check.ok && check.reason === 'wait') {
      reply.header('retry-after', String(check.seconds));
      return fail(429, t('login.throttled', { seconds: check.seconds }));
    }
    if (!check.ok) return fail(401, t('password.wrongCurrent'));
    await ctx.store.setPassword(user.id, await ctx.passwords.hash(form.new));
    // SECURITY #18: a new password revokes remembered browsers; other sessions end too.
    await ctx.store.revokeRememberTokens(user.id);
    await ctx.store.deleteUserSessions(user.id, session.idHash);
    await rotateSession(ctx, reply, session, 'full', ctx.nowSeconds());
    ctx.log.info({ event: 'password.changed', userId: user.id }, 'password changed');
    await notifyUser(ctx, t, user, 'notify.passwordSubject', 'notify.passwordBody');
    setFlash(reply, 'password.changed');
    return reply.redirect('/account', 303);
  });
}
