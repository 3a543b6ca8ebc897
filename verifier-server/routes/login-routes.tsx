import type { FastifyInstance, FastifyReply } from 'fastify';
import { MAX_PASSWORD } from '../account/password-policy';
import type { AppContext } from '../app-context';
import { checkPassword } from '../auth/check-password';
import { countFailure } from '../auth/count-failure';
import { setDeviceCookie } from '../auth/device-cookie';
import { forgetRememberCookie, type RememberedState } from '../auth/remember-browser';
import { endSession, readSession, startSession } from '../auth/session-cookies';
import { claimAttempt, isRefusal } from '../auth/throttle';
import { forgetEnrollName } from '../http/enroll-name-draft';
import { forgetEnrolled } from '../http/enrolled-marker';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage, throttled } from '../http/send-page';
import type { Translate } from '../i18n/translator';
import type { UserWithOrganisation } from '../store/store';
import { LoginPage } from '../views/login-page';

/** Step one (username and password), the start page, "Opnieuw inloggen" and "Uitloggen". */
export function loginRoutes(app: FastifyInstance, ctx: AppContext): void {
  /**
   * After a correct password: may this browser skip the code? Only with a live remember token of
   * this user, also while the account is locked: the lock stops guessing codes, and whoever has the
   * password can cause it with ten wrong ones; the browser that proved itself still gets in
   * (SECURITY #30; an attacker review found the user locked out of their own workstation). The lock
   * stays for every other browser. A colleague's token (a shared computer) is left alone for its
   * owner. A forged token counts like a wrong code, on the same growing delay (SECURITY #18).
   */
  const skipsCode = async (
    t: Translate,
    reply: FastifyReply,
    user: UserWithOrganisation,
    state: RememberedState,
  ): Promise<boolean> => {
    if (state.kind === 'none' || state.kind === 'other-user') return false;
    if (state.kind === 'remembered') return true;
    forgetRememberCookie(ctx, reply);
    if (state.kind === 'forged') {
      ctx.log.warn({ event: 'remember.forged', userId: user.id }, 'unknown remember-browser token presented');
      const claim = await claimAttempt(ctx, user.id);
      if (!isRefusal(claim)) await countFailure(ctx, t, user, claim, 'forged-remember-token');
    }
    return false;
  };

  app.get('/', async (request, reply) => {
    const session = await readSession(ctx, request);
    if (!session) return reply.redirect('/login', 303);
    return reply.redirect(session.stage === 'full' ? '/account' : '/login/code', 303);
  });

  app.get('/login', async (request, reply) =>
    sendPage(reply, 200, <LoginPage page={pageContext(request, reply)} />),
  );

  app.post('/login', async (request, reply) => {
    const form = readForm(request.body, { username: { max: 100 }, password: { max: MAX_PASSWORD } });
    const username = form.username.trim();
    // SECURITY #13: an unknown user costs one argon2id verification too, and gets the same answers.
    const check = await checkPassword(ctx, request, username, form.password);
    if (!check.ok) {
      // The account is named in the log when the name found one; the page is the same either way.
      ctx.log.info(
        { event: 'login.failed', reason: check.reason, userId: check.userId },
        'password step failed',
      );
      const page = pageContext(request, reply);
      const { status, error } =
        check.reason === 'wait'
          ? throttled(request, reply, check.seconds, 'login.throttled')
          : { status: 401, error: request.t('login.failed') };
      const invalid = status === 401;
      return sendPage(
        reply,
        status,
        <LoginPage page={page} username={username} error={error} invalid={invalid} />,
      );
    }
    const user = check.user;
    const authenticators = await ctx.store.listAuthenticators(user.id);
    const needsSecondFactor = authenticators.length > 0 || user.requireTwoFactor;
    const full = !needsSecondFactor || (await skipsCode(request.t, reply, user, check.remembered));
    // The session rests on what was checked: stored only if the password (and the remember token
    // that spared the code) still hold now that the slow hash is done (SECURITY #18).
    const remembered = full && needsSecondFactor && check.remembered.kind === 'remembered';
    const guard = {
      passwordHash: user.passwordHash,
      rememberTokenHash: remembered ? check.remembered.tokenHash : undefined,
      now: ctx.nowSeconds(),
    };
    let session = await startSession(ctx, request, reply, user.id, full ? 'full' : 'mfa', guard);
    // Only the browser was forgotten meanwhile (the password still holds): on to the code, as a
    // browser that is not remembered.
    const codeAfterAll = session === null && remembered;
    if (codeAfterAll)
      session = await startSession(ctx, request, reply, user.id, 'mfa', {
        ...guard,
        rememberTokenHash: undefined,
      });
    if (session === null) {
      // The password was changed while this one was being checked.
      ctx.log.info({ event: 'login.failed', reason: 'changed', userId: user.id }, 'password step failed');
      const page = pageContext(request, reply);
      const error = request.t('login.failed');
      return sendPage(reply, 401, <LoginPage page={page} username={username} error={error} invalid />);
    }
    if (!full || codeAfterAll)
      return reply.redirect(authenticators.length > 0 ? '/login/code' : '/login/fallback', 303);
    setDeviceCookie(ctx, reply, user.id);
    ctx.log.info(
      { event: 'login.success', userId: user.id, secondFactor: needsSecondFactor ? 'remembered' : 'none' },
      'logged in',
    );
    return reply.redirect('/account', 303);
  });

  app.post('/login/restart', async (request, reply) => {
    await endSession(ctx, request, reply);
    forgetEnrollName(request, reply);
    forgetEnrolled(request, reply);
    return reply.redirect('/login', 303);
  });

  app.post('/logout', async (request, reply) => {
    await endSession(ctx, request, reply);
    // The authenticator name typed at "Voeg authenticator toe" leaves the shared PC's browser too.
    forgetEnrollName(request, reply);
    forgetEnrolled(request, reply);
    setFlash(reply, 'login.loggedOut');
    return reply.redirect('/login', 303);
  });
}
