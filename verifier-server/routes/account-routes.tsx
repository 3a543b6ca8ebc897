import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeMobile } from '../account/normalize-mobile';
import type { AppContext } from '../app-context';
import { rotateSession } from '../auth/session-cookies';
import { setFlash } from '../http/flash';
import { keepMobileDraft, takeMobileDraft } from '../http/mobile-draft';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { type Authenticated, withRecentLogin, withSession } from '../http/session-guard';
import type { MessageKey } from '../i18n/messages-nl';
import { maskMobile } from '../outbox/mask-address';
import { notifyBySms, notifyUser } from '../outbox/notify-user';
import { AccountPage } from '../views/account-page';

interface MobileNotice {
  readonly subject: MessageKey;
  readonly body: MessageKey;
  /** To the old number; none when there was none. */
  readonly sms: MessageKey | null;
}

/** What the user is told about a change of the mobile number: one wording per kind of change. */
const MOBILE_NOTICES = {
  changed: { subject: 'notify.mobileSubject', body: 'notify.mobileBody', sms: 'notify.mobileSms' },
  added: { subject: 'notify.mobileAddedSubject', body: 'notify.mobileAddedBody', sms: null },
  removed: {
    subject: 'notify.mobileRemovedSubject',
    body: 'notify.mobileRemovedBody',
    sms: 'notify.mobileRemovedSms',
  },
} as const satisfies Record<string, MobileNotice>;

/** "Mijn gegevens": details, mobile number, the authenticator list, "Vergeet alle browsers". */
export function accountRoutes(app: FastifyInstance, ctx: AppContext): void {
  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    auth: Authenticated,
    status: number,
    extra: { mobileInput?: string | undefined; error?: string; mobileDraft?: boolean } = {},
  ) => {
    const authenticators = await ctx.store.listAuthenticators(auth.user.id);
    const page = pageContext(request, reply, auth);
    return sendPage(
      reply,
      status,
      <AccountPage page={page} user={auth.user} authenticators={authenticators} {...extra} />,
    );
  };

  app.get(
    '/account',
    withSession(ctx, 'full', (request, reply, auth) => {
      const draft = takeMobileDraft(request, reply, auth.session);
      return render(request, reply, auth, 200, { mobileInput: draft, mobileDraft: draft !== undefined });
    }),
  );

  // The mobile number receives fallback codes, a second factor: changing it needs a recent login
  // and tells the user on the channels they had (SECURITY #29).
  app.post(
    '/account/mobile',
    withRecentLogin(
      ctx,
      (request, reply, auth) => {
        keepMobileDraft(reply, auth.session, (request.body as { mobile?: unknown } | undefined)?.mobile);
        return '/account';
      },
      async (request, reply, auth) => {
        const { mobile } = readForm(request.body, { mobile: { max: 40 } });
        const { user } = auth;
        const trimmed = mobile.trim();
        // An empty field (or only the "+31 " we prefill) removes the number.
        const normalized = trimmed === '' || trimmed === '+31' ? null : normalizeMobile(trimmed);
        if (normalized === null && trimmed !== '' && trimmed !== '+31') {
          const error = request.t('account.mobileInvalid');
          return render(request, reply, auth, 400, { mobileInput: mobile, error });
        }
        if (normalized !== user.mobile) {
          await ctx.store.setMobile(user.id, normalized);
          ctx.log.info(
            { event: 'mobile.changed', userId: user.id, removed: normalized === null },
            'mobile changed',
          );
          const params: Record<string, string> = {};
          if (user.mobile !== null) params.old = maskMobile(user.mobile);
          if (normalized !== null) params.new = maskMobile(normalized);
          const notice: MobileNotice =
            normalized === null
              ? MOBILE_NOTICES.removed
              : user.mobile === null
                ? MOBILE_NOTICES.added
                : MOBILE_NOTICES.changed;
          await notifyUser(ctx, request.t, user, notice.subject, notice.body, params);
          if (user.mobile !== null && notice.sms !== null) {
            await notifyBySms(ctx, request.t, user, user.mobile, notice.sms, params);
          }
        }
        // Said as what happened: an emptied field removed the number (the e-mail says so too).
        setFlash(
          reply,
          normalized === null && user.mobile !== null ? 'account.mobileRemoved' : 'account.mobileSaved',
        );
        return reply.redirect('/account', 303);
      },
    ),
  );

  app.post(
    '/account/forget-browsers',
    withSession(ctx, 'full', async (_request, reply, { session, user }) => {
      await ctx.store.forgetBrowsers(user.id, session.idHash);
      ctx.log.info(
        { event: 'remember.revoked', userId: user.id, why: 'forget-all' },
        'remembered browsers forgotten',
      );
      // A user who suspects a stolen cookie clicks this: a copy of this session's cookie ends too,
      // as at a password change (found by an attacker review).
      // This session ended meanwhile (a logout in another tab): forgotten all the same; log in again.
      const rotated = await rotateSession(ctx, reply, session, 'full');
      setFlash(reply, 'account.browsersForgotten');
      return reply.redirect(rotated ? '/account' : '/login', 303);
    }),
  );
}
