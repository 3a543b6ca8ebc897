import { connect, createServer, type Socket } from 'node:net';
import { describe, expect, test } from 'vitest';
import { loopbackPeerUid, procNetEndpoint } from '../../../../verifier-server/http/loopback-peer-uid';

describe('procNetEndpoint: an endpoint as /proc/net/tcp and tcp6 write it', () => {
  test('IPv4 in the machine’s byte order, the port in hex', () => {
    expect(procNetEndpoint('127.0.0.1', 8080, 'LE')).toEqual({ file: 'tcp', hex: '0100007F:1F90' });
    expect(procNetEndpoint('127.0.0.1', 8080, 'BE')).toEqual({ file: 'tcp', hex: '7F000001:1F90' });
    expect(procNetEndpoint('10.1.2.3', 5, 'LE')).toEqual({ file: 'tcp', hex: '0302010A:0005' });
  });

  test('IPv6 word by word; an IPv6 socket’s IPv4-mapped address is in tcp6', () => {
    expect(procNetEndpoint('::1', 443, 'LE')).toEqual({
      file: 'tcp6',
      hex: '00000000000000000000000001000000:01BB',
    });
    expect(procNetEndpoint('::ffff:127.0.0.1', 443, 'LE')).toEqual({
      file: 'tcp6',
      hex: '0000000000000000FFFF00000100007F:01BB',
    });
  });

  test('not an address: none', () => {
    expect(procNetEndpoint('', 1)).toBeNull();
    expect(procNetEndpoint('localhost', 1)).toBeNull();
  });
});

/** A socket table as Linux writes it (in this machine's byte order): a listener, and both ends of one connection. */
const hex = (address: string, port: number) => procNetEndpoint(address, port)?.hex ?? '';
const SERVER = hex('127.0.0.1', 8080);
const CLIENT = hex('127.0.0.1', 0xd431);
const TABLE = [
  '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
  `   0: ${SERVER} 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0000 100 0 0 10 0`,
  `   1: ${SERVER} ${CLIENT} 01 00000000:00000000 00:00000000 00000000     0        0 2 1 0000 20 4 1 10 -1`,
  `   2: ${CLIENT} ${SERVER} 01 00000000:00000000 00:00000000 00000000  1000        0 3 1 0000 20 4 1 10 -1`,
].join('\n');
const CONNECTION = {
  remoteAddress: '127.0.0.1',
  remotePort: 0xd431,
  localAddress: '127.0.0.1',
  localPort: 8080,
};

describe('loopbackPeerUid: who is at the other end', () => {
  test('the uid of the client’s own socket, not the server’s', async () => {
    expect(await loopbackPeerUid(CONNECTION, async () => TABLE)).toBe(1000);
  });

  test('no such socket, or no table to read (not Linux): none', async () => {
    expect(await loopbackPeerUid({ ...CONNECTION, remotePort: 1 }, async () => TABLE)).toBeNull();
    expect(
      await loopbackPeerUid(CONNECTION, async () => {
        throw new Error('ENOENT');
      }),
    ).toBeNull();
  });

  // Found by a review: a verifier on `::` sees an IPv4 client as ::ffff:127.0.0.1, while the
  // client's own socket is an IPv4 one, in tcp.
  test('a server on both IPv4 and IPv6: the IPv4 client is found in tcp', async () => {
    const tables = { tcp: TABLE, tcp6: '' };
    const mapped = { ...CONNECTION, remoteAddress: '::ffff:127.0.0.1', localAddress: '::ffff:127.0.0.1' };
    expect(await loopbackPeerUid(mapped, async (file) => tables[file])).toBe(1000);
  });

  /** The server's socket of a real connection from `client` to a listener on `listen`. */
  function acceptOne(listen: string, client: string): Promise<Socket> {
    return new Promise<Socket>((resolve, reject) => {
      const server = createServer((socket) => {
        resolve(socket);
        server.close();
      });
      // A host without IPv6 cannot listen on `::`: said as such, not as a timeout.
      server.on('error', reject);
      server.listen(0, listen, () => {
        const address = server.address();
        if (address === null || typeof address === 'string') throw new Error('not listening');
        connect(address.port, client).unref();
      });
    });
  }

  test.runIf(process.platform === 'linux').each([
    ['127.0.0.1', '127.0.0.1'],
    // Both IPv4 and IPv6 (HOST=::): the IPv4 client is seen as ::ffff:127.0.0.1.
    ['::', '127.0.0.1'],
  ])('a real connection to a listener on %s from %s: this process’s own uid', async (listen, client) => {
    const socket = await acceptOne(listen, client);
    try {
      const uid = await loopbackPeerUid({
        remoteAddress: socket.remoteAddress ?? '',
        remotePort: socket.remotePort ?? 0,
        localAddress: socket.localAddress ?? '',
        localPort: socket.localPort ?? 0,
      });
      expect(uid).toBe(process.getuid?.());
    } finally {
      socket.destroy();
    }
  });
});
