import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { isLocalRequest } from './loopback';
import { loopbackPeerUid } from './loopback-peer-uid';

/** The outbox's two routes (outbox-routes.tsx); a refused requester must not learn they exist. */
export const OUTBOX_PATHS = ['/outbox', '/outbox.json'] as const;

/**
 * Whether this requester is offered /outbox and /outbox.json (config `outbox`, SECURITY #27):
 * from this machine by name, or anyone with VERIFIER_OUTBOX=1.
 */
export function outboxOffered(ctx: AppContext, request: FastifyRequest): boolean {
  return ctx.config.outbox === 'everyone' || (ctx.config.outbox === 'local' && isLocalRequest(request));
}

/**
 * Why this requester may not read the outbox, or null when it may: not offered it, or, from this
 * machine, not a process of the verifier's own OS user where that can be told (config
 * `outboxReaderUid`, Linux): another account on the host connects from loopback too, and would
 * read every user's fallback code (SECURITY #28). Pages link to the outbox only when this is null.
 */
export async function outboxRefusal(
  ctx: AppContext,
  request: FastifyRequest,
): Promise<null | 'not-local' | 'other-user'> {
  if (!outboxOffered(ctx, request)) return 'not-local';
  const uid = ctx.config.outboxReaderUid;
  if (ctx.config.outbox === 'everyone' || uid === null) return null;
  const { socket } = request;
  const peer = await loopbackPeerUid({
    remoteAddress: socket.remoteAddress ?? '',
    remotePort: socket.remotePort ?? 0,
    localAddress: socket.localAddress ?? '',
    localPort: socket.localPort ?? 0,
  });
  return peer === uid ? null : 'other-user';
}
