import { readFile } from 'node:fs/promises';
import { endianness } from 'node:os';
import ipaddr from 'ipaddr.js';

/** Both ends of a TCP connection on this machine, as the server's socket has them. */
export interface LoopbackConnection {
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly localAddress: string;
  readonly localPort: number;
}

/**
 * An endpoint as Linux writes it in /proc/net/tcp or tcp6: the address in 32-bit words, each
 * printed as the machine stores it (so 127.0.0.1 is 0100007F on x86), then the port, in
 * upper-case hex. Which file lists it: tcp for an IPv4 socket, tcp6 for an IPv6 one (also for an
 * IPv4-mapped address, "::ffff:127.0.0.1", on a dual-stack socket).
 */
export function procNetEndpoint(
  address: string,
  port: number,
  byteOrder: 'LE' | 'BE' = endianness(),
): { readonly file: 'tcp' | 'tcp6'; readonly hex: string } | null {
  if (!ipaddr.isValid(address)) return null;
  const parsed = ipaddr.parse(address);
  const bytes = parsed.toByteArray();
  let words = '';
  for (let i = 0; i < bytes.length; i += 4) {
    const word = bytes.slice(i, i + 4);
    if (byteOrder === 'LE') word.reverse();
    words += word.map((b) => b.toString(16).padStart(2, '0')).join('');
  }
  const hex = `${words}:${port.toString(16).padStart(4, '0')}`.toUpperCase();
  return { file: parsed.kind() === 'ipv4' ? 'tcp' : 'tcp6', hex };
}

/**
 * The user id of the process at the other end of a connection to this machine, from Linux's
 * socket table: the client's own socket is listed there with the client's endpoint as its local
 * address, the server's as its remote one, and the uid that opened it. Null when no such socket
 * is listed (not a connection between two local sockets, or another network namespace), or the
 * table cannot be read (not Linux). No npm package answers this; the table's format is stable
 * since Linux 2.2 (proc(5)).
 */
export async function loopbackPeerUid(
  connection: LoopbackConnection,
  readTable: (file: 'tcp' | 'tcp6') => Promise<string> = (file) => readFile(`/proc/net/${file}`, 'utf8'),
): Promise<number | null> {
  const client = procNetEndpoint(connection.remoteAddress, connection.remotePort);
  const server = procNetEndpoint(connection.localAddress, connection.localPort);
  if (client === null || server === null || client.file !== server.file) return null;
  let table: string;
  try {
    table = await readTable(client.file);
  } catch {
    return null;
  }
  for (const line of table.split('\n')) {
    // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid ...
    const fields = line.trim().split(/\s+/);
    if (fields[1] === client.hex && fields[2] === server.hex) {
      const uid = Number(fields[7]);
      return Number.isSafeInteger(uid) ? uid : null;
    }
  }
  return null;
}
