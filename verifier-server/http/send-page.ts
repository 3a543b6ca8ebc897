import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { pluralKey } from '../i18n/translator';
import type { PageContext } from '../views/page-layout';
import { takeFlash } from './flash';
import type { Authenticated } from './session-guard';

/** The context every page needs: language, a CSRF token, the user menu and a pending notice. */
export function pageContext(request: FastifyRequest, reply: FastifyReply, auth?: Authenticated): PageContext {
  return {
    t: request.t,
    lang: request.lang,
    csrf: reply.generateCsrf(),
    username: auth?.session.stage === 'full' ? auth.user.username : undefined,
    notice: takeFlash(request, reply),
    demo: reply.server.demoNotice,
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

/**
 * A refusal while a growing delay runs (SECURITY #8, #30): 429 with Retry-After, and the
 * sentence the page shows. One place, so every throttled form answers alike.
 */
export function throttled(
  request: FastifyRequest,
  reply: FastifyReply,
  seconds: number,
  key: 'login.throttled' | 'mfa.throttled',
): { readonly status: 429; readonly error: string } {
  reply.header('retry-after', String(seconds));
  return { status: 429, error: request.t(pluralKey(request.lang, key, seconds), { seconds }) };
}
