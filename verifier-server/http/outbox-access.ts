import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { isLocalRequest } from './loopback';

/** The outbox's two routes (outbox-routes.tsx); a refused requester must not learn they exist. */
export const OUTBOX_PATHS = ['/outbox', '/outbox.json'] as const;

/**
 * Whether this requester may read /outbox and /outbox.json (config `outbox`, SECURITY #27): from
 * this machine by name, or anyone with VERIFIER_OUTBOX=1. Pages link to the outbox only then.
 */
export function mayReadOutbox(ctx: AppContext, request: FastifyRequest): boolean {
  return ctx.config.outbox === 'everyone' || (ctx.config.outbox === 'local' && isLocalRequest(request));
}
