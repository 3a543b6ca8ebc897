import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context';
import { pageContext, sendPage } from '../http/send-page';
import { OutboxPage } from '../views/outbox-page';

const LIMIT = 100;

/** Development only: what the outbox transport "sent". The one place a code is visible, never the log. */
export function outboxRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/outbox', async (request, reply) => {
    const messages = await ctx.store.listOutbox(LIMIT);
    return sendPage(reply, 200, <OutboxPage page={pageContext(request, reply)} messages={messages} />);
  });

  app.get('/outbox.json', async (_request, reply) => {
    const messages = await ctx.store.listOutbox(LIMIT);
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
