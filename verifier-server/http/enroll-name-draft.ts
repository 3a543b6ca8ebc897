import type { FastifyReply, FastifyRequest } from 'fastify';
import { validateAuthenticatorName } from '../account/validate-authenticator-name';
import type { Session } from '../store/store';
import { sessionDraftCookie } from './session-draft-cookie';

const draft = sessionDraftCookie('enroll-name');

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
 * "Bevestig uw wachtwoord" step 1 shows it again instead of an empty field (session-draft-cookie.ts:
 * signed, bound to this session, never in the address). `seconds`: how long it is kept; the
 * session it belongs to lasts no longer than that anyway.
 */
export function keepEnrollName(reply: FastifyReply, session: Session, typed: unknown, seconds: number): void {
  const name = wellFormed(typed);
  if (name !== undefined) draft.keep(reply, session, name, seconds);
}

/**
 * The name kept by keepEnrollName in this session, if its signature holds. It stays until the
 * authenticator is added (a reload of step 1 shows it again); a cookie that is not this session's,
 * or holds no acceptable name, is cleared.
 */
export function readEnrollName(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Session,
): string | undefined {
  const kept = draft.read(request, reply, session);
  const name = wellFormed(kept);
  if (kept !== undefined && name === undefined) draft.clear(request, reply);
  return name;
}

/** Forgets the kept name: the authenticator was added, or the user logged out. */
export function forgetEnrollName(request: FastifyRequest, reply: FastifyReply): void {
  draft.clear(request, reply);
}
