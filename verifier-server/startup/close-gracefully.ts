import type { FastifyInstance } from 'fastify';

/**
 * How long requests under way may take once the server is closing, before connections with no
 * request under way (kept alive, or half-sent) are ended. A browser tab keeps connections open;
 * waiting for them held a restart up to a minute.
 */
export const CLOSE_GRACE_MS = 3_000;

/** After this, every connection still open is ended, a request under way too. */
export const CLOSE_DEADLINE_MS = 10_000;

/**
 * Stops listening, lets requests under way finish (each connection closes after its answer,
 * app.ts), ends idle and half-sent connections after `graceMs` and any still open after
 * `deadlineMs`; then the app's own close hooks run (the store last).
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
