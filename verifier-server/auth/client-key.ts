import ipaddr from 'ipaddr.js';

/**
 * The client a throttle counts (SECURITY #30): an IPv4 address as it is, an IPv6 address by its
 * /64, and an IPv4-mapped IPv6 address (::ffff:a.b.c.d, a dual-stack socket) as its IPv4 address.
 * One machine, one subscriber or one cheap server is given a whole /64: counted per address, it
 * would be 2^64 clients, each with fresh counters and its own share of the password hashing.
 * Text that is not an address (none behind a broken proxy header) is counted as it is.
 */
export function clientKey(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const prefix = (address as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${prefix.join(':')}::/64`;
}
