import type { FastifyRequest } from 'fastify';

/** 127.0.0.0/8 and ::1, also as an IPv4-mapped IPv6 address (how Node reports IPv4 on a dual-stack socket). */
export function isLoopbackAddress(address: string): boolean {
  const plain = address.replace(/^\[(.*)\]$/, '$1').replace(/^::ffff:/i, '');
  return plain === 'localhost' || plain === '::1' || /^127(\.\d{1,3}){3}$/.test(plain);
}

/** `localhost`, `127.0.0.1` or `[::1]`, with or without a port: a name only this machine uses. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d{1,5})?$/i;

/**
 * A request from this machine, to this machine, by name (SECURITY #27): the socket's peer is
 * loopback (not a forwarded address), the Host header names loopback (a DNS-rebinding page sends
 * its own name), and no proxy says it forwarded the request (a proxy on the same host connects
 * from loopback for anyone).
 */
export function isLocalRequest(request: FastifyRequest): boolean {
  const { headers } = request;
  const proxied =
    headers.forwarded !== undefined ||
    headers['x-forwarded-for'] !== undefined ||
    headers['x-forwarded-host'] !== undefined ||
    headers['x-real-ip'] !== undefined;
  return (
    !proxied &&
    isLoopbackAddress(request.socket.remoteAddress ?? '') &&
    LOOPBACK_HOST.test(headers.host ?? '')
  );
}
