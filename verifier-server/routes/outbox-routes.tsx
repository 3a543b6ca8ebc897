import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app-context';
import { mayReadOutbox, OUTBOX_PATHS } from '../http/outbox-access';
import { pageContext, sendPage } from '../http/send-page';
import { readOutbox } from '../outbox/outbox-transport';
import { OutboxPage } from '../views/outbox-page';

const LIMIT = 100;
const [PAGE, JSON_LIST] = OUTBOX_PATHS;

/**
 * Development only: what the outbox transport "sent", fallback codes included. Served (config
 * `outbox`) to requests from this machine by name only, or with VERIFIER_OUTBOX=1 to everyone;
 * anyone else gets the 404 of a route that does not exist (SECURITY #27).
 */
export function outboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  const allowed = (request: FastifyRequest) => mayReadOutbox(ctx, request);
  const refuse = (reply: FastifyReply) => {
    ctx.log.warn({ event: 'outbox.refused' }, 'outbox asked for from outside this machine');
    return reply.callNotFound();
  };

  app.get(PAGE, async (request, reply) => {
    if (!allowed(request)) return refuse(reply);
    const messages = await readOutbox(ctx.store, ctx.keys.outbox, LIMIT);
    return sendPage(reply, 200, <OutboxPage page={pageContext(request, reply)} messages={messages} />);
  });

  app.get(JSON_LIST, async (request, reply) => {
    if (!allowed(request)) return refuse(reply);
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
