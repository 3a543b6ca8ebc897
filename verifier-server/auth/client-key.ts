import ipaddr from 'ipaddr.js';

/**
 * The client a throttle counts (SECURITY #30): an IPv4 address as it is, an IPv6 address by its
 * /64, and an IPv4-mapped IPv6 address (::ffff:a.b.c.d, a dual-stack socket) as its IPv4 address.
 * One machine, one subscriber or one cheap server is given a whole /64: counted per address, it
 * would be 2^64 clients, each with fresh counters and its own share of the password hashing.
 * An address a proxy wrote with its port (203.0.113.5:1234, [2001:db8::1]:443; some do in
 * X-Forwarded-For) counts as the address: else each source port would be a client of its own.
 * Anything else that is not an address (a broken proxy header) counts as one client, NOT_AN_ADDRESS:
 * never as the text itself, which would make every spelling a client with fresh counters.
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
 * who would then share one share. An address with a port is its address; anything else that is not
 * an address is the one group NOT_AN_ADDRESS.
 */
export function clientGroup(ip: string): string {
  return prefixKey(ip, 48);
}

/** What every client whose address cannot be read is counted as: one client, one group. */
export const NOT_AN_ADDRESS = 'not-an-address';

/** The address without the port or brackets a proxy may have added ([2001:db8::1]:443, 192.0.2.1:80). */
function withoutPort(ip: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(ip);
  if (bracketed?.[1] !== undefined) return bracketed[1];
  return /^(\d{1,3}(?:\.\d{1,3}){3}):\d{1,5}$/.exec(ip)?.[1] ?? ip;
}

/** An IPv6 address by its first `bits` (a multiple of 16), an IPv4 address as it is. */
function prefixKey(raw: string, bits: 48 | 64): string {
  const ip = withoutPort(raw);
  if (!ipaddr.isValid(ip)) return NOT_AN_ADDRESS;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, bits / 16).map((part) => part.toString(16));
  return `${parts.join(':')}::/${bits}`;
}
