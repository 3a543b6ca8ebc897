import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { PageContext } from '../views/page-layout';
import { takeFlash } from './flash';

/** The context every page needs: language, a CSRF token, the user menu and a pending notice. */
export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    t: request.t,
    lang: request.lang,
    csrf: reply.generateCsrf(),
    username: request.session?.stage === 'full' ? request.user?.username : undefined,
    notice: takeFlash(request, reply),
  };
}

/** Renders a Preact page (escaping by construction). Pages are never cached: they may show secrets. */
export function sendPage(reply: FastifyReply, status: number, page: VNode): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${renderToString(page)}`);
}
