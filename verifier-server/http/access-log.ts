import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * One line per answered request, sampled: `share` of the requests (1: every one, 0: none). It
 * says method, path (never the query string: a form sent by GET could carry a secret), status,
 * milliseconds and the client address; no headers, so no cookies. Fastify's own request logging
 * (two lines per request) is off; security events (`event` lines) are logged apart, always.
 */
export function accessLogHook(share: number) {
  return (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (share >= 1 || Math.random() < share) {
      request.log.info(
        {
          method: request.method,
          path: request.url.split('?', 1)[0],
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
          remoteAddress: request.ip,
        },
        'request',
      );
    }
    done();
  };
}
