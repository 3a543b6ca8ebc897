import ipaddr from 'ipaddr.js';

/**
 * The client a throttle counts (SECURITY #30): an IPv4 address as it is, an IPv6 address by its
 * /64, and an IPv4-mapped IPv6 address (::ffff:a.b.c.d, a dual-stack socket) as its IPv4 address.
 * One machine, one subscriber or one cheap server is given a whole /64: counted per address, it
 * would be 2^64 clients, each with fresh counters and its own share of the password hashing.
 * Text that is not an address (none behind a broken proxy header) is counted as it is.
 */
export function clientKey(ip: string): string {
  return prefixKey(ip, 64);
}

/**
 * The wider network a client belongs to, which the password-hashing queue shares by before it
 * shares by client (SECURITY #30): an IPv6 address by its /48, the largest allocation one
 * subscriber commonly holds (a /56 is 256 /64s, a /48 65,536, each a client of its own), so one
 * subscriber cannot crowd out the others with its /64s. An IPv4 address (IPv4-mapped ones too) is
 * its own group, as it is its own client: a /24 often holds unrelated customers of one provider,
 * who would then share one share. Text that is not an address is its own group.
 */
export function clientGroup(ip: string): string {
  return prefixKey(ip, 48);
}

/** An IPv6 address by its first `bits` (a multiple of 16), an IPv4 address as it is. */
function prefixKey(ip: string, bits: 48 | 64): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, bits / 16).map((part) => part.toString(16));
  return `${parts.join(':')}::/${bits}`;
}
