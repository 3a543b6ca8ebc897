import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { validateAuthenticatorName } from '../account/validate-authenticator-name';
import type { AppContext } from '../app-context';
import { confirmEnrollmentCode, enrollmentKey, startEnrollment } from '../auth/enrollment';
import { forgetEnrollName, keepEnrollName, readEnrollName } from '../http/enroll-name-draft';
import { forgetEnrolled, markEnrolled, readEnrolled } from '../http/enrolled-marker';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { type Authenticated, withRecentLogin } from '../http/session-guard';
import type { MessageKey } from '../i18n/messages-nl';
import { pluralKey } from '../i18n/translator';
import { notifyUser } from '../outbox/notify-user';
import { NAME_TAKEN } from '../store/authenticator-store';
import type { PendingEnrollment } from '../store/store';
import { EnrollNamePage } from '../views/enroll-name-page';
import { EnrollScanPage } from '../views/enroll-scan-page';

const NEW = '/account/authenticators/new';
const STEP_2 = '/account/authenticators/new/step-2';

/** Back to step 1 with a notice: the pending secret expired, vanished, or was damaged. */
function startOver(reply: FastifyReply, key: MessageKey, params?: Record<string, string | number>) {
  setFlash(reply, key, params, 'error');
  return reply.redirect(NEW, 303);
}

/**
 * "Voeg authenticator toe": step 1 names it, step 2 shows the QR code and confirms the first code
 * (auth/enrollment.ts: pending, bound to this session, ≤ 10 min; SECURITY #17).
 */
export function enrollRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** How long a QR code is valid, in whole minutes (SECURITY #17). */
  const validMinutes = Math.ceil(ctx.policy.enrollmentSeconds / 60);
  /**
   * Nothing pending (any more). Just added (Back after "Opslaan", or "Opslaan" clicked twice): the
   * account page says so. Otherwise the QR code expired, or never was.
   */
  const nothingPending = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { session, user }: Authenticated,
    formEnrollment = '',
  ) => {
    const id = formEnrollment !== '' ? formEnrollment : readEnrolled(request, reply, session);
    const added = id === undefined ? null : await ctx.store.getAuthenticator(id, user.id);
    if (added !== null) return alreadyAdded(reply, added.name);
    return startOver(reply, pluralKey(request.lang, 'enroll.expired', validMinutes), {
      minutes: validMinutes,
    });
  };
  const alreadyAdded = (reply: FastifyReply, name: string) => {
    setFlash(reply, 'enroll.alreadyAdded', { name });
    return reply.redirect('/account', 303);
  };

  const renderScan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    auth: Authenticated,
    pending: PendingEnrollment,
    status: number,
    error?: string,
    codeInvalid = false,
  ) => {
    const key = await enrollmentKey(ctx, auth.user, pending);
    if (!key.ok) return startOver(reply, 'enroll.damaged');
    const qrDataUrl = await QRCode.toDataURL(key.uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    const page = (
      <EnrollScanPage
        page={pageContext(request, reply, auth)}
        name={pending.name}
        qrDataUrl={qrDataUrl}
        manualKey={key.manualKey}
        validMinutes={validMinutes}
        enrollment={pending.authenticatorId}
        error={error}
        codeInvalid={codeInvalid}
      />
    );
    return sendPage(reply, status, page);
  };

  const pendingOf = ({ session }: Authenticated) =>
    ctx.store.getPendingEnrollment(session.idHash, ctx.nowSeconds());

  /** The name given at step 1 comes back there (an expired QR code, the password asked again). */
  const keepName = (reply: FastifyReply, { session }: Authenticated, name: unknown) =>
    keepEnrollName(reply, session, name, ctx.policy.sessionSeconds);

  app.get(
    NEW,
    withRecentLogin(
      ctx,
      () => NEW,
      async (request, reply, auth) => {
        const name = readEnrollName(request, reply, auth.session);
        return sendPage(reply, 200, <EnrollNamePage page={pageContext(request, reply, auth)} name={name} />);
      },
    ),
  );

  app.post(
    NEW,
    withRecentLogin(
      ctx,
      (request, reply, auth) => {
        keepName(reply, auth, (request.body as { name?: unknown } | undefined)?.name);
        return NEW;
      },
      async (request, reply, auth) => {
        const form = readForm(request.body, { name: { max: 200 } });
        const existing = await ctx.store.listAuthenticators(auth.user.id);
        const check = validateAuthenticatorName(form.name, existing);
        if (!check.ok) {
          const page = pageContext(request, reply, auth);
          const error = request.t(check.error, check.params);
          return sendPage(reply, 400, <EnrollNamePage page={page} name={form.name} error={error} />);
        }
        await startEnrollment(ctx, auth.session, auth.user, check.name);
        keepName(reply, auth, check.name);
        // The one added before is no longer what step 2 is about: its expiry says "verlopen".
        forgetEnrolled(request, reply);
        return reply.redirect(STEP_2, 303);
      },
    ),
  );

  // Step 2 shows the secret and adds the authenticator: it needs the recent login step 1 needed, or
  // a copy of the session cookie, older than that, could read and confirm a pending enrollment
  // (SECURITY #17; found by an attacker review). The password asked again keeps it: the pending
  // enrollment moves with the session.
  app.get(
    STEP_2,
    withRecentLogin(
      ctx,
      () => STEP_2,
      async (request, reply, auth) => {
        const pending = await pendingOf(auth);
        return pending
          ? renderScan(request, reply, auth, pending, 200)
          : nothingPending(request, reply, auth);
      },
    ),
  );

  app.post(
    STEP_2,
    withRecentLogin(
      ctx,
      () => STEP_2,
      async (request, reply, auth) => {
        // `enrollment` (the page's pending authenticator) is optional: a form without it is checked
        // against whatever is pending, as before.
        const form = readForm(request.body, { code: { max: 32 }, enrollment: { max: 64, optional: true } });
        const pending = await pendingOf(auth);
        if (!pending) return nothingPending(request, reply, auth, form.enrollment);
        // Step 1 done again in another tab replaced the QR code this form was for: its code is not
        // checked against the new secret; the new QR code is shown, with why.
        const replaced = () => renderScan(request, reply, auth, pending, 409, request.t('enroll.replaced'));
        if (form.enrollment !== '' && form.enrollment !== pending.authenticatorId) {
          // Unless the form was for one already added (its page again, by Back, and "Opslaan"):
          // that one works; "replaced … verwijder dat account" would have staff delete it.
          const added = await ctx.store.getAuthenticator(form.enrollment, auth.user.id);
          return added !== null ? alreadyAdded(reply, added.name) : replaced();
        }
        // The name was free at step 1; another tab or browser may have taken it since (an
        // enrollment finished, a rename): never two authenticators in the login list that look alike.
        // Judged without the enrollment's own id: a second "Opslaan" that arrives just after the
        // first one's commit must not find its own authenticator taking the name.
        const existing = await ctx.store.listAuthenticators(auth.user.id);
        const named = validateAuthenticatorName(pending.name, existing, pending.authenticatorId);
        if (!named.ok) {
          await ctx.store.discardPendingEnrollment(pending.sessionHash, pending.authenticatorId);
          return startOver(reply, named.error, named.params);
        }
        const result = await confirmEnrollmentCode(ctx, auth.user, pending, form.code);
        if (!result.ok) {
          switch (result.reason) {
            case 'format': {
              const error = request.t('mfa.badFormat', { digits: result.digits });
              return renderScan(request, reply, auth, pending, 400, error, true);
            }
            case 'wrong':
              return renderScan(request, reply, auth, pending, 400, request.t('enroll.wrongCode'), true);
            case 'damaged':
              return startOver(reply, 'enroll.damaged');
            case NAME_TAKEN:
              return startOver(reply, 'enroll.nameTaken', { name: pending.name });
            case 'expired': {
              // Replaced between the check and the confirmation: show what is pending now, if anything.
              const now = await pendingOf(auth);
              if (now === null) return nothingPending(request, reply, auth, form.enrollment);
              return renderScan(request, reply, auth, now, 409, request.t('enroll.replaced'));
            }
          }
        }
        forgetEnrollName(request, reply);
        markEnrolled(reply, auth.session, result.authenticator.id, ctx.policy.sessionSeconds);
        const { name } = result.authenticator;
        await notifyUser(ctx, request.t, auth.user, 'notify.addedSubject', 'notify.addedBody', { name });
        setFlash(reply, 'enroll.added', { name });
        return reply.redirect('/account', 303);
      },
    ),
  );
}
