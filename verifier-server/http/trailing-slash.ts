import type { FastifyRequest } from 'fastify';
import { OUTBOX_PATHS } from './outbox-access';

/** Routes whose existence a requester they refuse must not learn (SECURITY #27). */
const UNLISTED: ReadonlySet<string> = new Set(OUTBOX_PATHS);

/**
 * A target is a plain page address: unreserved characters and slashes only, first segment not
 * empty. No '%': the router decodes before it matches, so '/%6Futbox/' would find the outbox that
 * UNLISTED names undecoded, and tell a requester it refuses that it exists; no '//host' or '/\host'
 * either, which a browser reads as another host. The pages' addresses and ids never need more.
 */
const LOCAL_PATH = /^\/[A-Za-z0-9._~-][A-Za-z0-9._~/-]*$/;

/**
 * Where a GET or HEAD of a page's address typed with a trailing slash ('/login/') belongs: the
 * page itself ('/login', the query kept), when a route answers there. Asked by the 404 handler
 * only, so no other request pays for it. Never for a POST: a form posts to its own exact action,
 * and a POST to another address stays a 404 (its CSRF check is untouched). Never to the outbox.
 */
export function withoutTrailingSlash(request: FastifyRequest): string | null {
  const { method, url } = request;
  if (method !== 'GET' && method !== 'HEAD') return null;
  const q = url.indexOf('?');
  const path = q === -1 ? url : url.slice(0, q);
  if (path.length < 2 || !path.endsWith('/')) return null;
  const target = path.slice(0, -1);
  if (!LOCAL_PATH.test(target) || UNLISTED.has(target)) return null;
  if (request.server.findRoute({ method, url: target }) === null) return null;
  return q === -1 ? target : target + url.slice(q);
}
