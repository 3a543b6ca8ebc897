import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { setDeviceCookie } from '../auth/device-cookie';
import { checkFallbackCode, FALLBACK_CODE_DIGITS, sendCap, sendFallbackCode } from '../auth/fallback-codes';
import type { SendCap } from '../auth/fallback-send-cap';
import { sendClientOf } from '../auth/fallback-send-client';
import { rotateSession } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { outboxRefusal } from '../http/outbox-access';
import { readForm } from '../http/read-form';
import { pageContext, sendPage, throttled } from '../http/send-page';
import { type Authenticated, withSession } from '../http/session-guard';
import { pluralKey } from '../i18n/translator';
import { maskEmail, maskMobile } from '../outbox/mask-address';
import { FallbackChoosePage } from '../views/fallback-choose-page';
import { FallbackCodePage } from '../views/fallback-code-page';

/** Each cap's sentence, without and with "use the last code sent" (its plural forms by minutes). */
const CAPPED_TEXTS = {
  client: ['fallback.capped', 'fallback.cappedUseLast'],
  device: ['fallback.cappedDevice', 'fallback.cappedDeviceUseLast'],
  account: ['fallback.cappedAccount', 'fallback.cappedAccountUseLast'],
} as const;

/**
 * A code by e-mail or SMS: the "usual way" for users without an authenticator in an organisation
 * that requires two-factor login, and "Ik heb geen toegang tot mijn authenticator(s)".
 */
export function fallbackRoutes(app: FastifyInstance, ctx: AppContext): void {
  /**
   * A send cap is reached: whose (this network's, this device's, or the account's across all), how many
   * codes it allows, when a new one can be sent (in whole minutes), and, while this login attempt's
   * last code is valid, that it still works.
   */
  const capped = (request: FastifyRequest, cap: SendCap, now: number, pending: boolean) => {
    const minutes = Math.ceil((cap.retryAt - now) / 60);
    const { limit } = cap;
    // "1 code", "5 codes": the count's own form, put into the sentence whose form the minutes pick.
    const codes = request.t(pluralKey(request.lang, 'fallback.codeCount', limit), { limit });
    const base = CAPPED_TEXTS[cap.scope][pending ? 1 : 0];
    const key = pluralKey(request.lang, base, minutes);
    return { key, params: { codes, minutes } };
  };
  const cappedText = (request: FastifyRequest, cap: SendCap, now: number, pending: boolean) => {
    const { key, params } = capped(request, cap, now, pending);
    return request.t(key, params);
  };

  const renderChoose = async (
    request: FastifyRequest,
    reply: FastifyReply,
    auth: Authenticated,
    status: number,
    error?: string,
  ) => {
    const { user, session } = auth;
    const now = ctx.nowSeconds();
    const [authenticators, pending, cap] = await Promise.all([
      ctx.store.listAuthenticators(user.id),
      ctx.store.getFallbackCode(session.idHash, now),
      sendCap(ctx, user.id, sendClientOf(ctx, request, user.id), now),
    ]);
    const page = (
      <FallbackChoosePage
        page={pageContext(request, reply, auth)}
        maskedEmail={maskEmail(user.email)}
        maskedMobile={user.mobile === null ? null : maskMobile(user.mobile)}
        canUseAuthenticator={authenticators.length > 0}
        codePending={pending !== null}
        capped={cap === null ? undefined : cappedText(request, cap, now, pending !== null)}
        error={error}
      />
    );
    return sendPage(reply, status, page);
  };

  const renderCode = async (
    request: FastifyRequest,
    reply: FastifyReply,
    auth: Authenticated,
    status: number,
    error?: string,
    codeInvalid = false,
  ) => {
    const { user, session } = auth;
    const code = await ctx.store.getFallbackCode(session.idHash, ctx.nowSeconds());
    if (!code && error === undefined) return reply.redirect('/login/fallback', 303);
    const channel = code?.channel ?? 'email';
    const sentTo =
      channel === 'sms' && user.mobile !== null ? maskMobile(user.mobile) : maskEmail(user.email);
    return sendPage(
      reply,
      status,
      <FallbackCodePage
        page={pageContext(request, reply, auth)}
        sentTo={sentTo}
        outboxLink={(await outboxRefusal(ctx, request)) === null}
        error={error}
        codeInvalid={codeInvalid}
      />,
    );
  };

  app.get(
    '/login/fallback',
    withSession(ctx, 'mfa', (request, reply, auth) => renderChoose(request, reply, auth, 200)),
  );

  app.post(
    '/login/fallback',
    withSession(ctx, 'mfa', async (request, reply, auth) => {
      const { channel } = readForm(request.body, { channel: { max: 8 } });
      if (channel !== 'email' && channel !== 'sms') {
        return renderChoose(request, reply, auth, 400, request.t('fallback.chooseChannel'));
      }
      const client = sendClientOf(ctx, request, auth.user.id);
      const result = await sendFallbackCode(ctx, request.t, auth.session, auth.user, channel, client);
      if (!result.ok && result.reason === 'no-mobile') {
        return renderChoose(request, reply, auth, 400, request.t('fallback.noMobile'));
      }
      if (!result.ok) {
        // Capped (a page shown before the cap was reached, another tab): the code sent last still
        // works while it is valid, so that is where to go; without one, the page says when a new
        // code can be sent.
        const now = ctx.nowSeconds();
        if (await ctx.store.getFallbackCode(auth.session.idHash, now)) {
          const { key, params } = capped(request, result, now, true);
          setFlash(reply, key, params);
          return reply.redirect('/login/fallback/code', 303);
        }
        const error = cappedText(request, result, now, false);
        const seconds = String(result.retryAt - now);
        return renderChoose(request, reply.header('retry-after', seconds), auth, 429, error);
      }
      return reply.redirect('/login/fallback/code', 303);
    }),
  );

  app.get(
    '/login/fallback/code',
    withSession(ctx, 'mfa', (request, reply, auth) => renderCode(request, reply, auth, 200)),
  );

  app.post(
    '/login/fallback/code',
    withSession(ctx, 'mfa', async (request, reply, auth) => {
      const { code } = readForm(request.body, { code: { max: 32 } });
      const { session, user } = auth;
      const result = await checkFallbackCode(ctx, request.t, session, user, code);
      if (!result.ok) {
        switch (result.reason) {
          case 'format': {
            const error = request.t('mfa.badFormat', { digits: FALLBACK_CODE_DIGITS });
            return renderCode(request, reply, auth, 400, error, true);
          }
          case 'no-code':
            return renderChoose(request, reply, auth, 400, request.t('fallback.noCode'));
          case 'wait': {
            const { status, error } = throttled(request, reply, result.seconds, 'mfa.throttled');
            return renderCode(request, reply, auth, status, error);
          }
          case 'wrong':
            return renderCode(request, reply, auth, 401, request.t('fallback.wrongCode'), true);
        }
      }
      const full = await rotateSession(ctx, reply, session, 'full');
      if (!full) {
        setFlash(reply, 'login.expired');
        return reply.redirect('/login', 303);
      }
      setDeviceCookie(ctx, reply, user.id);
      ctx.log.info({ event: 'login.success', userId: user.id, secondFactor: 'fallback' }, 'logged in');
      return reply.redirect('/account', 303);
    }),
  );
}
