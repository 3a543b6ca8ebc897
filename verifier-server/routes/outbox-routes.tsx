import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { OUTBOX_PATHS, outboxRefusal } from '../http/outbox-access';
import { pageContext, sendPage } from '../http/send-page';
import { readOutbox } from '../outbox/outbox-transport';
import { OutboxPage } from '../views/outbox-page';

const LIMIT = 100;
const [PAGE, JSON_LIST] = OUTBOX_PATHS;

/**
 * Development only: what the outbox transport "sent", fallback codes included. Served (config
 * `outbox`) to requests from this machine by name only, from a process of the verifier's own OS
 * user (Linux), or with VERIFIER_OUTBOX=1 to everyone; anyone else gets the 404 of a route that
 * does not exist (SECURITY #27, #28).
 */
export function outboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  /** Whether the request may read it; else answered with the 404 of no route, and logged. */
  const allowed = async (request: FastifyRequest, reply: FastifyReply) => {
    const refusal = await outboxRefusal(ctx, request);
    if (refusal === null) return true;
    ctx.log.warn(
      { event: 'outbox.refused', reason: refusal },
      refusal === 'other-user'
        ? 'outbox asked for by another OS user of this machine (VERIFIER_OUTBOX=1 serves it to anyone)'
        : 'outbox asked for from outside this machine',
    );
    reply.callNotFound();
    return false;
  };

  app.get(PAGE, async (request, reply) => {
    if (!(await allowed(request, reply))) return reply;
    const messages = await readOutbox(ctx.store, ctx.keys.outbox, LIMIT);
    return sendPage(reply, 200, <OutboxPage page={pageContext(request, reply)} messages={messages} />);
  });

  app.get(JSON_LIST, async (request, reply) => {
    if (!(await allowed(request, reply))) return reply;
    const messages = await readOutbox(ctx.store, ctx.keys.outbox, LIMIT);
    return reply.header('cache-control', 'no-store').send(
      messages.map(({ channel, to, subject, body, sentAt }) => ({
        channel,
        to,
        subject,
        body,
        sentAt: new Date(sentAt).toISOString(),
      })),
    );
  });
}
