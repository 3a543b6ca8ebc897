import { randomBytes, randomUUID } from 'node:crypto';
import { buildOtpauthUri, toBase32 } from '../../shared/build-otpauth-uri';
import { DEFAULT_TOTP, SECRET_BYTES } from '../../shared/otp-parameters';
import type { AppContext } from '../app-context';
import { NAME_TAKEN } from '../store/authenticator-store';
import type { Authenticator, PendingEnrollment, Session, UserWithOrganisation } from '../store/store';
import { logSecretIntegrity, openTotpSecret } from './open-totp-secret';
import { authenticatorAad, sealSecret } from './secret-box';

/**
 * "Voeg authenticator toe" (SECURITY #17): a new secret stays pending, bound to the session for
 * at most `enrollmentSeconds`, and becomes an authenticator only when its first code is confirmed.
 */
export async function startEnrollment(
  ctx: AppContext,
  session: Session,
  user: UserWithOrganisation,
  name: string,
): Promise<void> {
  const authenticatorId = randomUUID();
  const secret = randomBytes(SECRET_BYTES); // SECURITY #10: 160 bits from the CSPRNG.
  await ctx.store.savePendingEnrollment({
    sessionHash: session.idHash,
    userId: user.id,
    authenticatorId,
    name,
    secretSealed: sealSecret(ctx.keys.secrets, secret, authenticatorAad(authenticatorId, user.id)),
    // Enrollment always issues the parameters every app understands; the QR code says the same.
    otp: DEFAULT_TOTP,
    expiresAt: ctx.nowSeconds() + ctx.policy.enrollmentSeconds,
  });
}

export type EnrollmentKey =
  | { readonly ok: true; readonly uri: string; readonly manualKey: string }
  /** The pending secret failed authentication; it was discarded, the user starts over. */
  | { readonly ok: false };

/** The otpauth URI for the QR code and the key for manual entry, grouped by four. */
export async function enrollmentKey(
  ctx: AppContext,
  user: UserWithOrganisation,
  pending: PendingEnrollment,
): Promise<EnrollmentKey> {
  const secret = openTotpSecret(ctx, { ...pending, userId: user.id });
  if (secret === null) {
    await ctx.store.discardPendingEnrollment(pending.sessionHash, pending.authenticatorId);
    return { ok: false };
  }
  const uri = buildOtpauthUri({
    issuer: ctx.config.issuer,
    account: user.username,
    secret,
    parameters: pending.otp,
  });
  return { ok: true, uri, manualKey: toBase32(secret).replace(/(.{4})(?=.)/g, '$1 ') };
}

export type EnrollmentCheck =
  | { readonly ok: true; readonly authenticator: Authenticator }
  | { readonly ok: false; readonly reason: 'format'; readonly digits: number }
  | { readonly ok: false; readonly reason: 'wrong' | 'expired' | 'damaged' | typeof NAME_TAKEN };

/**
 * Step 2's code, through the same check as a login (auth/totp-code-checker.ts). The
 * confirming code's step is stored as used, so it cannot log in later (SECURITY #4).
 */
export async function confirmEnrollmentCode(
  ctx: AppContext,
  user: UserWithOrganisation,
  pending: PendingEnrollment,
  rawCode: string,
): Promise<EnrollmentCheck> {
  const { authenticatorId: id, secretSealed, otp } = pending;
  const check = { code: rawCode, nowMs: ctx.config.now() };
  const prepared = ctx.checkCode({ id, userId: user.id, secretSealed, ...otp }, check);
  if ('refuse' in prepared && prepared.refuse === 'format')
    return { ok: false, reason: 'format', digits: otp.digits };
  if ('refuse' in prepared) {
    logSecretIntegrity(ctx, user.id, id);
    await ctx.store.discardPendingEnrollment(pending.sessionHash, id);
    return { ok: false, reason: 'damaged' };
  }
  const step = prepared.match();
  if (step === null) return { ok: false, reason: 'wrong' };
  // The store judges the name again inside the confirmation's transaction: a rename or another
  // enrollment (another tab, browser or instance) may have taken it since step 1, even just now.
  const added = await ctx.store.confirmEnrollment(pending.sessionHash, id, step, ctx.nowSeconds());
  if (added === null) return { ok: false, reason: 'expired' };
  if (added === NAME_TAKEN) {
    await ctx.store.discardPendingEnrollment(pending.sessionHash, id);
    return { ok: false, reason: NAME_TAKEN };
  }
  ctx.log.info(
    { event: 'authenticator.added', userId: user.id, authenticatorId: added.id },
    'authenticator added',
  );
  return { ok: true, authenticator: added };
}
