import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { type CodeCheck, checkSecondStep } from '../auth/check-second-step';
import { setDeviceCookie } from '../auth/device-cookie';
import { setRememberCookie } from '../auth/remember-browser';
import { sessionHashOf, setSessionCookie } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage, throttled } from '../http/send-page';
import { type Authenticated, answerNoSession, answerOtherStage, withSession } from '../http/session-guard';
import type { Authenticator } from '../store/store';
import { SecondStepPage } from '../views/second-step-page';

type Failure = Exclude<CodeCheck, { ok: true } | { reason: 'session-gone' }>;

/**
 * The authenticator to show chosen: the one the user picked (the form again), else the one that
 * logged in last (one per workstation: most likely this one), else the first added.
 */
function preselect(authenticators: readonly Authenticator[], picked: string | undefined): string | undefined {
  if (authenticators.some((a) => a.id === picked)) return picked;
  let likely = authenticators[0];
  for (const a of authenticators) {
    if (a.lastUsedAt !== null && (likely?.lastUsedAt == null || a.lastUsedAt > likely.lastUsedAt)) likely = a;
  }
  return likely?.id;
}

/** An error text, or one that depends on how many authenticators the user has (the page lists them). */
type ErrorText = string | ((authenticators: number) => string);

function failureAnswer(
  request: FastifyRequest,
  reply: FastifyReply,
  failure: Failure,
): { readonly status: number; readonly error: ErrorText; readonly codeInvalid?: boolean } {
  const t = request.t;
  switch (failure.reason) {
    case 'format':
      return { status: 400, error: t('mfa.badFormat', { digits: failure.digits }), codeInvalid: true };
    case 'unknown-authenticator':
      return { status: 400, error: t('mfa.unknownAuthenticator') };
    case 'wrong':
      // "Check which authenticator is chosen" only when there is a choice to check.
      return {
        status: 401,
        error: (n) => t(n > 1 ? 'mfa.wrongCode' : 'mfa.wrongCodeOne'),
        codeInvalid: true,
      };
    case 'reused':
      return { status: 401, error: t('mfa.reusedCode'), codeInvalid: true };
    case 'locked':
      return { status: 403, error: t('mfa.locked') };
    case 'unavailable':
      return { status: 409, error: t('mfa.unavailable') };
    case 'wait':
      return throttled(request, reply, failure.seconds, 'mfa.throttled');
  }
}

/** The second step: "Kies uw authenticator:" and "Authenticator code:". */
export function secondStepRoutes(app: FastifyInstance, ctx: AppContext): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    auth: Authenticated,
    status: number,
    extra: { selected?: string; remember?: boolean; error?: ErrorText; codeInvalid?: boolean } = {},
  ) => {
    const authenticators = await ctx.store.listAuthenticators(auth.user.id);
    if (authenticators.length === 0) return reply.redirect('/login/fallback', 303);
    const list = authenticators.map(({ id, name }) => ({ id, name }));
    const selected = preselect(authenticators, extra.selected);
    const error = typeof extra.error === 'function' ? extra.error(authenticators.length) : extra.error;
    return sendPage(
      reply,
      status,
      <SecondStepPage
        page={pageContext(request, reply, auth)}
        authenticators={list}
        {...extra}
        error={error}
        selected={selected}
      />,
    );
  };

  app.get(
    '/login/code',
    withSession(ctx, 'mfa', (request, reply, auth) => render(request, reply, auth, 200)),
  );

  const form = (request: FastifyRequest) =>
    readForm(request.body, {
      authenticator: { max: 64 },
      code: { max: 32 },
      remember: { max: 8, optional: true },
    });

  // The session guard's read and the check go to the store as one call (checkSecondStep); the
  // answers for a missing session or the other stage are the guard's own.
  app.post('/login/code', async (request, reply) => {
    const sessionHash = sessionHashOf(ctx, request);
    if (sessionHash === null) return answerNoSession(reply, 'mfa');
    let fields: ReturnType<typeof form>;
    try {
      fields = form(request);
    } catch (error) {
      // As behind the guard: without a half-logged-in session the form is never looked at.
      return withSession(ctx, 'mfa', () => {
        throw error;
      })(request, reply);
    }
    const remember = fields.remember !== '';
    const checked = await checkSecondStep(
      ctx,
      request.t,
      sessionHash,
      fields.authenticator,
      fields.code,
      remember,
    );
    if (checked.kind === 'no-session') return answerNoSession(reply, 'mfa');
    if (checked.kind === 'other-stage') return answerOtherStage(reply, checked.stage);
    const { auth, result } = checked;
    if (!result.ok && result.reason === 'session-gone') {
      setFlash(reply, 'login.expired');
      return reply.redirect('/login', 303);
    }
    if (!result.ok) {
      const { status, error, codeInvalid } = failureAnswer(request, reply, result);
      return render(request, reply, auth, status, {
        selected: fields.authenticator,
        remember,
        error,
        codeInvalid,
      });
    }
    setSessionCookie(ctx, reply, result.sessionToken);
    if (result.rememberToken !== null) setRememberCookie(ctx, reply, result.rememberToken);
    setDeviceCookie(ctx, reply, auth.user.id);
    ctx.log.info({ event: 'login.success', userId: auth.user.id, secondFactor: 'totp' }, 'logged in');
    return reply.redirect('/account', 303);
  });
}
