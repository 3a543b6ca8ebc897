import type { FastifyReply, FastifyRequest } from 'fastify';
import { splitSessionKey } from '../store/session-key';
import type { Session } from '../store/store';

/** __Host- over https: no other host (a sibling subdomain) can set or replace it. */
const draftCookie = (secure: boolean) => (secure ? '__Host-mobile-draft' : 'mobile-draft');

/** What the mobile field may carry through "Bevestig uw wachtwoord": digits and phone punctuation. */
const DRAFT = /^[0-9+ ()-]{1,40}$/;

/** Long enough to look up and type the password. */
const DRAFT_SECONDS = 15 * 60;

/** The session a draft belongs to: its selector, which stays when the id rotates ("Bevestig uw wachtwoord"). */
const owner = (session: Session) => splitSessionKey(session.idHash).selector;

const cookieOptions = (reply: FastifyReply) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: reply.server.secureCookies,
});

/**
 * Keeps the mobile number typed when "Bevestig uw wachtwoord" interrupted the change, so nothing
 * typed is lost. In a signed cookie, never in the address: a link of an attacker's making must not
 * be able to show the account page with a number of its choosing already in the field. The
 * signature covers the session too, so a draft made in one's own account shows in no other
 * session, even if planted in the victim's browser.
 */
export function keepMobileDraft(reply: FastifyReply, session: Session, typed: unknown): void {
  if (typeof typed !== 'string' || !DRAFT.test(typed)) return;
  reply.setCookie(draftCookie(reply.server.secureCookies), `${owner(session)}|${typed}`, {
    ...cookieOptions(reply),
    signed: true,
    maxAge: DRAFT_SECONDS,
  });
}

/** The number kept by keepMobileDraft in this session (once: it is cleared), if its signature holds. */
export function takeMobileDraft(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Session,
): string | undefined {
  const name = draftCookie(reply.server.secureCookies);
  const raw = request.cookies[name];
  if (raw === undefined) return undefined;
  reply.clearCookie(name, cookieOptions(reply));
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || unsigned.value === null) return undefined;
  const [selector, typed] = unsigned.value.split('|');
  return selector === owner(session) && typed !== undefined && DRAFT.test(typed) ? typed : undefined;
}
