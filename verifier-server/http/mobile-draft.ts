import type { FastifyReply, FastifyRequest } from 'fastify';

const DRAFT_COOKIE = 'mobile-draft';

/** What the mobile field may carry through "Bevestig uw wachtwoord": digits and phone punctuation. */
const DRAFT = /^[0-9+ ()-]{1,40}$/;

/** Long enough to look up and type the password. */
const DRAFT_SECONDS = 15 * 60;

/**
 * Keeps the mobile number typed when "Bevestig uw wachtwoord" interrupted the change, so nothing
 * typed is lost. In a signed cookie, never in the address: a link of an attacker's making must not
 * be able to show the account page with a number of its choosing already in the field.
 */
export function keepMobileDraft(reply: FastifyReply, typed: unknown): void {
  if (typeof typed !== 'string' || !DRAFT.test(typed)) return;
  reply.setCookie(DRAFT_COOKIE, typed, {
    path: '/account',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies,
    signed: true,
    maxAge: DRAFT_SECONDS,
  });
}

/** The number kept by keepMobileDraft (once: it is cleared), if its signature holds. */
export function takeMobileDraft(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const raw = request.cookies[DRAFT_COOKIE];
  if (raw === undefined) return undefined;
  reply.clearCookie(DRAFT_COOKIE, { path: '/account' });
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value !== null && DRAFT.test(unsigned.value) ? unsigned.value : undefined;
}
