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
 * upper-case hex. Which file lists it: tcp for an IPv4 address, tcp6 for an IPv6 one (an IPv6
 * socket's IPv4-mapped address, "::ffff:127.0.0.1", too).
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
  for (const [clientAddress, serverAddress] of addressForms(connection)) {
    const client = procNetEndpoint(clientAddress, connection.remotePort);
    const server = procNetEndpoint(serverAddress, connection.localPort);
    if (client === null || server === null || client.file !== server.file) continue;
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
  }
  return null;
}

/**
 * The client's and the server's address as the client's socket may have them. A server listening
 * on both IPv4 and IPv6 (`::`) sees an IPv4 client as `::ffff:127.0.0.1`, while the client's own
 * socket is an IPv4 one, listed in tcp with the plain addresses (found by a review): those first,
 * then the mapped ones (an IPv6 socket that connected to a mapped address).
 */
function addressForms(connection: LoopbackConnection): Array<readonly [string, string]> {
  const plain = (address: string) => {
    if (!ipaddr.IPv6.isValid(address)) return null;
    const parsed = ipaddr.IPv6.parse(address);
    return parsed.isIPv4MappedAddress() ? parsed.toIPv4Address().toString() : null;
  };
  const client = plain(connection.remoteAddress);
  const server = plain(connection.localAddress);
  const forms: Array<readonly [string, string]> = [];
  if (client !== null && server !== null) forms.push([client, server]);
  forms.push([connection.remoteAddress, connection.localAddress]);
  return forms;
}
