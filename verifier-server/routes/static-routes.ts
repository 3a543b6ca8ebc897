import type { FastifyInstance } from 'fastify';
import { APP_CSS } from '../views/app-css';
import { PORTAL_SCRIPT } from '../views/portal-script';

/**
 * The portal's icon: a white padlock on the header's blue. Named by every page (page-layout.tsx);
 * also answered at /favicon.ico, which browsers ask for on what is not a page (the outbox's JSON,
 * /healthz) and which tools and proxies probe.
 */
const FAVICON_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#0f2f57"/>' +
  '<path d="M11 15v-4a5 5 0 0 1 10 0v4" fill="none" stroke="#fff" stroke-width="2.5"/>' +
  '<rect x="8" y="15" width="16" height="11" rx="2" fill="#fff"/></svg>';

/** The stylesheet, the script, the icon and a bare health route (also the benchmark's baseline). */
export function staticRoutes(app: FastifyInstance): void {
  app.get('/static/app.css', async (_request, reply) =>
    reply.type('text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(APP_CSS),
  );
  app.get('/static/portal.js', async (_request, reply) =>
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PORTAL_SCRIPT),
  );
  for (const url of ['/static/favicon.svg', '/favicon.ico']) {
    app.get(url, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
    );
  }
  app.get('/healthz', async () => ({ ok: true }));
}
