import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../store/store';
import { sessionDraftCookie } from './session-draft-cookie';

const marker = sessionDraftCookie('enrolled');

/**
 * Remembers, for this session, which authenticator step 2 just added, so that Back or a second
 * click on "Opslaan" leads to "is al toegevoegd" instead of "De QR-code is verlopen … verwijder dat
 * account", which would have staff delete the account that works. Only an id; the caller checks
 * that it names one of the user's authenticators.
 */
export function markEnrolled(
  reply: FastifyReply,
  session: Session,
  authenticatorId: string,
  seconds: number,
): void {
  marker.keep(reply, session, authenticatorId, seconds);
}

/** The id kept by markEnrolled in this session, if any. */
export function readEnrolled(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Session,
): string | undefined {
  return marker.read(request, reply, session);
}

/** Forgets it: another authenticator is being added, or the user logged out. */
export function forgetEnrolled(request: FastifyRequest, reply: FastifyReply): void {
  marker.clear(request, reply);
}
