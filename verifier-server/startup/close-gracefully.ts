import type { FastifyInstance } from 'fastify';

/**
 * How long requests under way may take once the server is closing. A browser tab keeps
 * connections open (and may have one half-sent); waiting for them held a restart up to a minute.
 */
export const CLOSE_GRACE_MS = 3_000;

/**
 * Stops listening, lets requests under way finish (each connection closes after its answer,
 * app.ts), and after `graceMs` ends every connection still open; then the app's own close
 * hooks run (the store last).
 */
export async function closeGracefully(app: FastifyInstance, graceMs = CLOSE_GRACE_MS): Promise<void> {
  const deadline = setTimeout(() => app.server.closeAllConnections(), graceMs);
  deadline.unref();
  try {
    await app.close();
  } finally {
    clearTimeout(deadline);
  }
}
