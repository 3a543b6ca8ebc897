import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Session } from '../store/store';
import { sessionDraftCookie } from './session-draft-cookie';

/** What the mobile field may carry through "Bevestig uw wachtwoord": digits and phone punctuation. */
const DRAFT = /^[0-9+ ()-]{1,40}$/;

/** Long enough to look up and type the password. */
const DRAFT_SECONDS = 15 * 60;

const draft = sessionDraftCookie('mobile-draft');

/**
 * Keeps the mobile number typed when "Bevestig uw wachtwoord" interrupted the change, so nothing
 * typed is lost (session-draft-cookie.ts: signed, bound to this session, never in the address).
 */
export function keepMobileDraft(reply: FastifyReply, session: Session, typed: unknown): void {
  if (typeof typed !== 'string' || !DRAFT.test(typed)) return;
  draft.keep(reply, session, typed, DRAFT_SECONDS);
}

/** The number kept by keepMobileDraft in this session (once: it is cleared), if its signature holds. */
export function takeMobileDraft(
  request: FastifyRequest,
  reply: FastifyReply,
  session: Session,
): string | undefined {
  const typed = draft.read(request, reply, session);
  // Once: a draft of this session is cleared here (read clears any other).
  if (typed !== undefined) draft.clear(request, reply);
  return typed !== undefined && DRAFT.test(typed) ? typed : undefined;
}
