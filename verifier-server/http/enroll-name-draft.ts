import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateAuthenticatorName } from '../account/validate-authenticator-name';
import { splitSessionKey } from '../store/session-key';
import type { Session } from '../store/store';

/** __Host- over https: no other host (a sibling subdomain) can set or replace it. */
const draftCookie = (secure: boolean) => (secure ? '__Host-enroll-name' : 'enroll-name');

/** The session a kept name belongs to: its selector, which stays when the id rotates ("Bevestig uw wachtwoord"). */
const owner = (session: Session) => splitSessionKey(session.idHash).selector;

const cookieOptions = (reply: FastifyReply) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: reply.server.secureCookies,
});

/**
 * Only a name that passes the checks of its characters (empty, too long, control, invisible or
 * mixed-script characters) is kept or shown; whether it is still free is judged when step 1 is sent.
 */
function wellFormed(typed: unknown): string | undefined {
  if (typeof typed !== 'string') return undefined;
  const check = validateAuthenticatorName(typed, []);
  return check.ok ? check.name : undefined;
}

/**
 * Keeps the name given at step 1 of "Voeg authenticator toe", so that after an expired QR code or
 * "Bevestig uw wachtwoord" step 1 shows it again instead of an empty field. In a signed cookie,
 * never in the address: a link of an attacker's making must not be able to show step 1 with a name
 * of its choosing already in the field. The signature covers the session too, so a name kept in
 * one session shows in no other (another user at the same computer, a cookie planted from elsewhere).
 * `seconds`: how long it is kept; the session it belongs to lasts no longer than that anyway.
 */
export function keepEnrollName(reply: FastifyReply, session: Session, typed: unknown, seconds: number): void {
  const name = wellFormed(typed);
  if (name === undefined) return;
  reply.setCookie(draftCookie(reply.server.secureCookies), `${owner(session)}|${name}`, {
    ...cookieOptions(reply),
    signed: true,
    maxAge: seconds,
  });
}

/**
 * The name kept by keepEnrollName in this session, if its signature holds. It stays until the
 * authenticator is added (a reload of step 1 shows it again); a cookie that is not this session's
 * is cleared.
 */
export function readEnrollName(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Session,
): string | undefined {
  const cookie = draftCookie(reply.server.secureCookies);
  const raw = request.cookies[cookie];
  if (raw === undefined) return undefined;
  const unsigned = request.unsignCookie(raw);
  const value = unsigned.valid ? (unsigned.value ?? '') : '';
  const bar = value.indexOf('|');
  const name =
    bar > 0 && value.slice(0, bar) === owner(session) ? wellFormed(value.slice(bar + 1)) : undefined;
  if (name === undefined) reply.clearCookie(cookie, cookieOptions(reply));
  return name;
}

/** Forgets the kept name: the authenticator was added. */
export function forgetEnrollName(request: FastifyRequest, reply: FastifyReply): void {
  const cookie = draftCookie(reply.server.secureCookies);
  if (request.cookies[cookie] !== undefined) reply.clearCookie(cookie, cookieOptions(reply));
}
