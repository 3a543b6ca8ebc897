import ipaddr from 'ipaddr.js';

/** proxy-addr's names for address ranges, which Fastify's trustProxy accepts in its list. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** One entry of the list: an address or a network, IPv4 in four decimal parts, or a range's name. */
function isProxyEntry(entry: string): boolean {
  if (RANGE_NAMES.has(entry)) return true;
  if (entry.includes('/'))
    return ipaddr.IPv4.isValidCIDRFourPartDecimal(entry) || ipaddr.IPv6.isValidCIDR(entry);
  return ipaddr.IPv4.isValidFourPartDecimal(entry) || ipaddr.IPv6.isValid(entry);
}

/**
 * VERIFIER_TRUST_PROXY, for Fastify's trustProxy: the proxies' addresses or networks (comma
 * separated; `loopback`, `linklocal` and `uniquelocal` name ranges). Unset: false. Anything else
 * stops the start: given to Fastify as it is, `1` (as the other switches are written) would be the
 * address 0.0.0.1 and `yes` a name, both trusting nothing without a word, so that every client
 * behind the proxy counted as the proxy's one address in the password throttle (found by an
 * attacker review). A number of hops is not offered either: `1` would then trust whoever
 * connects, and a verifier reachable past its proxy would believe any X-Forwarded-For.
 */
export function parseTrustProxy(raw: string | undefined): false | string {
  if (raw === undefined || raw.trim() === '') return false;
  const entries = raw.split(',').map((entry) => entry.trim());
  if (entries.every(isProxyEntry)) return entries.join(',');
  throw new Error(
    `VERIFIER_TRUST_PROXY must be the proxy's address or network (127.0.0.1 for a proxy on this host, 10.0.0.2, 10.0.0.0/8, ::1), several separated by commas, or loopback, not "${raw}"`,
  );
}
