import type { FastifyInstance } from 'fastify';

/**
 * How long requests under way may take once the server is closing, before kept-alive
 * connections with no request under way are ended. A browser tab keeps connections open;
 * waiting for them held a restart up to a minute.
 */
export const CLOSE_GRACE_MS = 3_000;

/** After this, every connection still open is ended, a request under way too. */
export const CLOSE_DEADLINE_MS = 10_000;

/**
 * Stops listening, lets requests under way finish (a request that arrives meanwhile is answered
 * with `connection: close`, app.ts), ends connections with no request under way after `graceMs`
 * and every one still open after `deadlineMs` (a half-sent request too, unless its headers
 * timeout came first); then the app's own close hooks run (the store last).
 */
export async function closeGracefully(
  app: FastifyInstance,
  graceMs = CLOSE_GRACE_MS,
  deadlineMs = CLOSE_DEADLINE_MS,
): Promise<void> {
  const grace = setTimeout(() => app.server.closeIdleConnections(), graceMs);
  const deadline = setTimeout(() => app.server.closeAllConnections(), deadlineMs);
  grace.unref();
  deadline.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(grace);
    clearTimeout(deadline);
  }
}
