import { randomBytes, randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { buildOtpauthUri, toBase32 } from '../../shared/build-otpauth-uri';
import { DEFAULT_TOTP, SECRET_BYTES } from '../../shared/otp-parameters';
import { validateAuthenticatorName } from '../account/validate-authenticator-name';
import type { AppContext } from '../app-context';
import { normalizeCode } from '../auth/check-authenticator-code';
import { isWellFormedCode, matchTotpStep } from '../auth/match-totp-step';
import { authenticatorAad, openSecret, sealSecret } from '../auth/secret-box';
import { setFlash } from '../http/flash';
import { readForm } from '../http/read-form';
import { pageContext, sendPage } from '../http/send-page';
import { hasRecentLogin, redirectToReauth, requireStage } from '../http/session-guard';
import { notifyUser } from '../outbox/notify-user';
import type { PendingEnrollment, UserWithOrganisation } from '../store/store';
import { EnrollNamePage } from '../views/enroll-name-page';
import { EnrollScanPage } from '../views/enroll-scan-page';

const NEW = '/account/authenticators/new';
const STEP_2 = '/account/authenticators/new/step-2';

/**
 * "Voeg authenticator toe": step 1 names it, step 2 shows the QR code and confirms the first code.
 * The secret stays pending (bound to this session, ≤ 10 min) and becomes an authenticator only
 * when a code is confirmed, in one transaction (SECURITY #17).
 */
export function enrollRoutes(app: FastifyInstance, ctx: AppContext): void {
  const guard = requireStage(ctx, 'full');

  const renderScan = async (
    request: FastifyRequest,
    reply: FastifyReply,
    pending: PendingEnrollment,
    status: number,
    error?: string,
  ) => {
    const user = request.user as UserWithOrganisation;
    const secret = openSecret(
      ctx.keys.secrets,
      pending.secretSealed,
      authenticatorAad(pending.authenticatorId, user.id),
    );
    const uri = buildOtpauthUri({ issuer: ctx.config.issuer, account: user.username, secret });
    const qrDataUrl = await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 4, scale: 6 });
    const manualKey = toBase32(secret).replace(/(.{4})(?=.)/g, '$1 ');
    const page = (
      <EnrollScanPage
        page={pageContext(request, reply)}
        name={pending.name}
        qrDataUrl={qrDataUrl}
        manualKey={manualKey}
        error={error}
      />
    );
    return sendPage(reply, status, page);
  };

  app.get(NEW, { preHandler: guard }, async (request, reply) => {
    if (!hasRecentLogin(ctx, request)) return redirectToReauth(reply, NEW);
    return sendPage(reply, 200, <EnrollNamePage page={pageContext(request, reply)} />);
  });

  app.post(NEW, { preHandler: guard }, async (request, reply) => {
    if (!hasRecentLogin(ctx, request)) return redirectToReauth(reply, NEW);
    const form = readForm(request.body, { name: { max: 200 } });
    const user = request.user as UserWithOrganisation;
    const session = request.session;
    if (!session) return reply.redirect('/login', 303);
    const check = validateAuthenticatorName(form.name, await ctx.store.listAuthenticators(user.id));
    if (!check.ok) {
      const error = request.t(check.error, check.params);
      return sendPage(
        reply,
        400,
        <EnrollNamePage page={pageContext(request, reply)} name={form.name} error={error} />,
      );
    }
    const authenticatorId = randomUUID();
    const secret = randomBytes(SECRET_BYTES); // SECURITY #10: 160 bits from the CSPRNG.
    await ctx.store.savePendingEnrollment({
      sessionHash: session.idHash,
      userId: user.id,
      authenticatorId,
      name: check.name,
      secretSealed: sealSecret(ctx.keys.secrets, secret, authenticatorAad(authenticatorId, user.id)),
      expiresAt: ctx.nowSeconds() + ctx.policy.enrollmentSeconds,
    });
    return reply.redirect(STEP_2, 303);
  });

  app.get(STEP_2, { preHandler: guard }, async (request, reply) => {
    const pending = request.session
      ? await ctx.store.getPendingEnrollment(request.session.idHash, ctx.nowSeconds())
      : null;
    if (!pending) {
      setFlash(reply, 'enroll.expired', undefined, 'error');
      return reply.redirect(NEW, 303);
    }
    return renderScan(request, reply, pending, 200);
  });

  app.post(STEP_2, { preHandler: guard }, async (request, reply) => {
    const form = readForm(request.body, { code: { max: 32 } });
    const user = request.user as UserWithOrganisation;
    const session = request.session;
    const pending = session ? await ctx.store.getPendingEnrollment(session.idHash, ctx.nowSeconds()) : null;
    if (!session || !pending) {
      setFlash(reply, 'enroll.expired', undefined, 'error');
      return reply.redirect(NEW, 303);
    }
    const code = normalizeCode(form.code);
    if (!isWellFormedCode(code, DEFAULT_TOTP.digits)) {
      return renderScan(
        request,
        reply,
        pending,
        400,
        request.t('mfa.badFormat', { digits: DEFAULT_TOTP.digits }),
      );
    }
    const secret = openSecret(
      ctx.keys.secrets,
      pending.secretSealed,
      authenticatorAad(pending.authenticatorId, user.id),
    );
    const step = matchTotpStep(secret, code, DEFAULT_TOTP, ctx.config.now());
    if (step === null) return renderScan(request, reply, pending, 400, request.t('enroll.wrongCode'));
    // SECURITY #4: the confirming code's step is stored as used, so it cannot log in later.
    const added = await ctx.store.confirmEnrollment(session.idHash, step, ctx.nowSeconds());
    if (!added) {
      setFlash(reply, 'enroll.expired', undefined, 'error');
      return reply.redirect(NEW, 303);
    }
    ctx.log.info(
      { event: 'authenticator.added', userId: user.id, authenticatorId: added.id },
      'authenticator added',
    );
    await notifyUser(ctx, request.t, user, 'notify.addedSubject', 'notify.addedBody', { name: added.name });
    setFlash(reply, 'enroll.added', { name: added.name });
    return reply.redirect('/account', 303);
  });
}
