import type { FastifyReply, FastifyRequest } from 'fastify';
import { splitSessionKey } from '../store/session-key';
import type { Session } from '../store/store';

/**
 * Something typed that must survive a detour ("Bevestig uw wachtwoord", an expired QR code)
 * without ever travelling in the address: a link of an attacker's making must not be able to show
 * a page with a value of its choosing already in a field. Kept in a signed, HttpOnly cookie whose
 * signature also covers the session's selector (which stays when the id rotates), so a value kept
 * in one session shows in no other, even if planted in the victim's browser. __Host- over https:
 * no other host (a sibling subdomain) can set or replace it.
 */
export interface SessionDraftCookie {
  keep(reply: FastifyReply, session: Session, value: string, seconds: number): void;
  /** The value kept in this session, if its signature holds; a cookie that is not this session's is cleared. */
  read(request: FastifyRequest, reply: FastifyReply, session: Session): string | undefined;
  clear(request: FastifyRequest, reply: FastifyReply): void;
}

const owner = (session: Session) => splitSessionKey(session.idHash).selector;

const cookieOptions = (reply: FastifyReply) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'lax' as const,
  secure: reply.server.secureCookies,
});

export function sessionDraftCookie(baseName: string): SessionDraftCookie {
  const cookieName = (reply: FastifyReply) => (reply.server.secureCookies ? `__Host-${baseName}` : baseName);
  const clear = (request: FastifyRequest, reply: FastifyReply) => {
    const name = cookieName(reply);
    if (request.cookies[name] !== undefined) reply.clearCookie(name, cookieOptions(reply));
  };
  return {
    keep(reply, session, value, seconds) {
      reply.setCookie(cookieName(reply), `${owner(session)}|${value}`, {
        ...cookieOptions(reply),
        signed: true,
        maxAge: seconds,
      });
    },
    read(request, reply, session) {
      const raw = request.cookies[cookieName(reply)];
      if (raw === undefined) return undefined;
      const unsigned = request.unsignCookie(raw);
      const value = unsigned.valid ? (unsigned.value ?? '') : '';
      const bar = value.indexOf('|');
      if (bar > 0 && value.slice(0, bar) === owner(session)) return value.slice(bar + 1);
      clear(request, reply);
      return undefined;
    },
    clear,
  };
}
