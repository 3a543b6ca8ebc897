import type { FastifyInstance } from 'fastify';
import { MAX_PASSWORD, MIN_PASSWORD } from '../account/password-policy';
import type { AppContext } from '../app-context';
import { checkPassword } from '../auth/check-password';
import { clientGroup, clientKey } from '../auth/client-key';
import { rotateSession } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage, throttled } from '../http/send-page';
import { withSession } from '../http/session-guard';
import { notifyUser } from '../outbox/notify-user';
import { DEMO } from '../seed/seed-demo';
import { ChangePasswordPage, type PasswordField } from '../views/change-password-page';
import { ReauthPage } from '../views/reauth-page';

/** Only pages that ask for a recent login may be the target of "Bevestig uw wachtwoord" (no open redirect). */
const REAUTH_TARGETS = [
  /^\/account\/authenticators\/new(\/step-2)?$/,
  /^\/account\/authenticators\/[0-9a-f-]{36}\/remove$/,
];

function safeNext(value: unknown): string {
  return typeof value === 'string' && REAUTH_TARGETS.some((re) => re.test(value)) ? value : '/account';
}

/** "Bevestig uw wachtwoord" (recent login) and "Wijzig wachtwoord". */
export function passwordRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get<{ Querystring: { next?: unknown } }>(
    '/account/reauth',
    withSession(ctx, 'full', async (request, reply, auth) => {
      const next = safeNext(request.query.next);
      return sendPage(reply, 200, <ReauthPage page={pageContext(request, reply, auth)} next={next} />);
    }),
  );

  app.post(
    '/account/reauth',
    withSession(ctx, 'full', async (request, reply, auth) => {
      const form = readForm(request.body, { password: { max: MAX_PASSWORD }, next: { max: 200 } });
      const next = safeNext(form.next);
      const { session, user } = auth;
      const check = await checkPassword(ctx, request, user.username, form.password, session);
      if (!check.ok) {
        const { status, error } =
          check.reason === 'wait'
            ? throttled(request, reply, check.seconds, 'login.throttled')
            : { status: 401, error: request.t('reauth.failed') };
        const page = pageContext(request, reply, auth);
        return sendPage(reply, status, <ReauthPage page={page} next={next} error={error} />);
      }
      // A fresh password proof gets a fresh session id, like a login (SECURITY #14). A session that
      // ended meanwhile (a logout in another tab) is not revived: back to the login page.
      if (!(await rotateSession(ctx, reply, session, 'full', ctx.nowSeconds()))) {
        setFlash(reply, 'login.loggedOut');
        return reply.redirect('/login', 303);
      }
      return reply.redirect(next, 303);
    }),
  );

  app.get(
    '/account/password',
    withSession(ctx, 'full', async (request, reply, auth) => {
      const page = pageContext(request, reply, auth);
      return sendPage(reply, 200, <ChangePasswordPage page={page} minLength={MIN_PASSWORD} />);
    }),
  );

  app.post(
    '/account/password',
    withSession(ctx, 'full', async (request, reply, auth) => {
      const form = readForm(request.body, {
        current: { max: MAX_PASSWORD },
        // Far above the limit: a too long new password gets its own message below, not a bad-form page.
        new: { max: 4 * MAX_PASSWORD },
        confirm: { max: 4 * MAX_PASSWORD },
      });
      const { session, user } = auth;
      const t = request.t;
      const fail = (status: number, text: string, field: PasswordField, invalid = true) => {
        const page = pageContext(request, reply, auth);
        return sendPage(
          reply,
          status,
          <ChangePasswordPage page={page} minLength={MIN_PASSWORD} error={{ text, field, invalid }} />,
        );
      };
      const length = [...form.new].length;
      if (length < MIN_PASSWORD) return fail(400, t('password.tooShort', { min: MIN_PASSWORD }), 'new');
      if (length > MAX_PASSWORD) return fail(400, t('password.tooLong', { max: MAX_PASSWORD }), 'new');
      if (form.new !== form.confirm) return fail(400, t('password.mismatch'), 'confirm');
      const check = await checkPassword(ctx, request, user.username, form.current, session);
      if (!check.ok && check.reason === 'wait') {
        const { status, error } = throttled(request, reply, check.seconds, 'login.throttled');
        return fail(status, error, 'current', false);
      }
      if (!check.ok) return fail(401, t('password.wrongCurrent'), 'current');
      const lane = { client: clientKey(request.ip), group: clientGroup(request.ip), trusted: true };
      const hash = await ctx.passwords.hash(form.new, lane);
      // SECURITY #18: one transaction with what a new password implies: remembered browsers are
      // revoked and the user's other sessions end.
      await ctx.store.changePassword(user.id, hash, session.idHash);
      const rotated = await rotateSession(ctx, reply, session, 'full', ctx.nowSeconds());
      ctx.log.info({ event: 'password.changed', userId: user.id }, 'password changed');
      // The demo account is no longer open to anyone: the next page says so no more (the other
      // instances see it within VERIFIER_KEY_WATCH_MS: watch-demo-account.ts).
      if (user.username === DEMO.username) reply.server.demoNotice = false;
      await notifyUser(ctx, t, user, 'notify.passwordSubject', 'notify.passwordBody');
      // This session too ended while the new password was hashed (a logout, or another rotation
      // that the change ended): the password is changed all the same; log in with it.
      if (!rotated) {
        setFlash(reply, 'password.changedLogIn');
        return reply.redirect('/login', 303);
      }
      setFlash(reply, 'password.changed');
      return reply.redirect('/account', 303);
    }),
  );
}
