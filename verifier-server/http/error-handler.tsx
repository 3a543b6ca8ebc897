import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { TooBusyError } from '../auth/hash-limiter';
import { errorCode } from '../error-code';
import type { MessageKey } from '../i18n/messages-nl';
import { translator } from '../i18n/translator';
import { isDatabaseUnavailable } from '../store/database-unavailable';
import { ErrorPage } from '../views/error-page';
import { FormError } from './read-form';
import { sendPage } from './send-page';
import { withoutTrailingSlash } from './trailing-slash';

function describe(error: FastifyError | Error, status: number): [MessageKey, Record<string, string>?] {
  // The field's name is the form's internal one: no use to the user.
  if (error instanceof FormError) return ['error.badRequest'];
  const code = errorCode(error);
  if (code.startsWith('FST_CSRF')) return ['error.csrf'];
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) return ['error.tooLarge'];
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || status === 415) return ['error.unsupported'];
  if (status === 404) return ['error.notFound'];
  // Framework codes (FST_…) mean nothing to a user and say too much to an attacker.
  return ['error.invalidRequest'];
}

/** Seconds a client should wait after a 503 for an unreachable database (a restart takes a few). */
export const UNAVAILABLE_RETRY_SECONDS = 2;

/**
 * The one error handler (SECURITY #20): 4xx get a clear page in the user's language; a database
 * that cannot answer (PostgreSQL down or restarting, pool exhausted, a statement timeout, SQLite
 * busy) is 503 with Retry-After: the request failed closed, nothing was decided; any other 5xx is
 * logged and answered with a generic page that echoes nothing of the failure.
 */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  // The language hook may not have run (a failure while parsing), so fall back to Dutch.
  const t = request.t ?? translator('nl');
  const lang = request.lang ?? 'nl';
  const page = { t, lang, csrf: '' };
  if (error instanceof TooBusyError) {
    reply.header('retry-after', String(error.retryAfterSeconds));
    return sendPage(reply, 429, <ErrorPage page={page} message={t('error.busy')} />);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ event: 'database.unavailable', err: error }, 'database unavailable');
    reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
    return sendPage(reply, 503, <ErrorPage page={page} message={t('error.unavailable')} />);
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 500 || status < 400) {
    request.log.error({ err: error }, 'request failed');
    return sendPage(reply, 500, <ErrorPage page={page} message={t('error.server')} />);
  }
  const [key, params] = describe(error, status);
  request.log.info({ status, code: errorCode(error) || undefined }, 'request refused');
  return sendPage(reply, status, <ErrorPage page={page} message={t(key, params)} />);
}

/** A page's address with a trailing slash leads to the page ('/login/' → '/login'); else the 404 page. */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  const target = withoutTrailingSlash(request);
  if (target !== null) return reply.redirect(target, 301);
  const t = request.t ?? translator('nl');
  return sendPage(
    reply,
    404,
    <ErrorPage page={{ t, lang: request.lang ?? 'nl', csrf: '' }} message={t('error.notFound')} />,
  );
}
