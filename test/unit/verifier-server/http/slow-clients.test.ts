import { createConnection, type Socket } from 'node:net';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

let t: TestApp;
let port: number;
beforeEach(async () => {
  // Short deadlines so the test is quick; production's are in config.ts (15 s, 10 s, 5 s).
  t = await createTestApp({ config: { timeouts: { requestMs: 1500, headersMs: 1000, keepAliveMs: 500 } } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  port = address.port;
});
afterEach(async () => {
  await t.app.close();
});

/** Opens a connection, writes `first`, then keeps writing `drip` every 200 ms; resolves when the server hangs up. */
function slowClient(first: string, drip: string): { socket: Socket; closedAfterMs: Promise<number> } {
  const socket = createConnection({ host: '127.0.0.1', port });
  const started = Date.now();
  socket.on('connect', () => socket.write(first));
  const timer = setInterval(() => {
    if (!socket.destroyed) socket.write(drip);
  }, 200);
  socket.on('error', () => undefined);
  socket.resume(); // read (and drop) the answer, so the server's hang-up is seen
  const closedAfterMs = new Promise<number>((resolve) =>
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    }),
  );
  return { socket, closedAfterMs };
}

// SECURITY #32: a client that sends a request slowly cannot hold a connection open.
test.each([
  [0, 'headers a byte at a time', 'GET /login HTTP/1.1\r\nHost: localhost\r\n', 'X'],
  [
    1,
    'a form body a byte at a time',
    'POST /login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n',
    'a',
  ],
])('case %i: %s: the server hangs up within its deadline', async (_i, _what, first, drip) => {
  const { socket, closedAfterMs } = slowClient(first, drip);
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 8000));
  const elapsed = await Promise.race([closedAfterMs, timeout]);
  socket.destroy();
  expect(elapsed).toBeLessThan(5000);
});

test('an idle kept-alive connection is closed', async () => {
  const { socket, closedAfterMs } = slowClient('GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n', '');
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Number.POSITIVE_INFINITY), 8000));
  const elapsed = await Promise.race([closedAfterMs, timeout]);
  socket.destroy();
  expect(elapsed).toBeLessThan(5000);
});
