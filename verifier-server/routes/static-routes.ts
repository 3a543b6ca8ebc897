import type { FastifyInstance } from 'fastify';
import { APP_CSS } from '../views/app-css';

/** The stylesheet and a bare health route (also the benchmark's baseline). */
export function staticRoutes(app: FastifyInstance): void {
  app.get('/static/app.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(APP_CSS),
  );
  app.get('/healthz', async () => ({ ok: true }));
}
