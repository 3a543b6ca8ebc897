import { createConnection, type Socket } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { closeGracefully } from '../../../../verifier-server/startup/close-gracefully';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
  t = undefined;
});

/** A listening verifier whose own deadlines would never end a slow connection within the test. */
async function listening(): Promise<{ app: TestApp['app']; port: number }> {
  t = await createTestApp({
    config: { timeouts: { requestMs: 60_000, headersMs: 60_000, keepAliveMs: 60_000 } },
  });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (address === null || typeof address === 'string') throw new Error('not listening');
  return { app: t.app, port: address.port };
}

/** A connection that has sent `first`; `answer` is everything the server sent until it hung up. */
async function connection(port: number, first: string): Promise<{ socket: Socket; answer: Promise<string> }> {
  const socket = createConnection({ host: '127.0.0.1', port });
  socket.on('error', () => undefined);
  let received = '';
  socket.on('data', (chunk) => {
    received += chunk.toString('utf8');
  });
  const answer = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
  socket.write(first);
  // Let the server read the first part before anything else happens.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { socket, answer };
}

test('a request finished while the server closes gets the page, not English JSON, and its connection then closes', async () => {
  const { app, port } = await listening();
  const { socket, answer } = await connection(port, 'GET /login HTTP/1.1\r\nHost: localhost\r\n');
  const closed = closeGracefully(app, 5_000);
  socket.write('Accept-Language: nl\r\n\r\n');
  const response = await answer;
  await closed;
  expect(response).toMatch(/^HTTP\/1\.1 200/);
  expect(response).toMatch(/\r\nconnection: close\r\n/i);
  expect(response).toContain('Inloggen');
  expect(response).not.toContain('Service Unavailable');
}, 15_000);

test('a connection that never finishes its request does not hold a restart up', async () => {
  const { app, port } = await listening();
  const { socket, answer } = await connection(port, 'GET /login HTTP/1.1\r\nHost: localhost\r\n');
  const closed = closeGracefully(app, 300, 600).then(() => 'closed');
  const stuck = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000));
  expect(await Promise.race([closed, stuck])).toBe('closed');
  await answer;
  expect(socket.destroyed).toBe(true);
}, 15_000);

test('a kept-alive connection with no request under way is ended at the grace, not at the deadline', async () => {
  const { app, port } = await listening();
  const { socket, answer } = await connection(port, 'GET /login HTTP/1.1\r\nHost: localhost\r\n\r\n');
  const closed = closeGracefully(app, 300, 60_000).then(() => 'closed');
  const stuck = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000));
  expect(await Promise.race([closed, stuck])).toBe('closed');
  expect(await answer).toMatch(/^HTTP\/1\.1 200/);
  expect(socket.destroyed).toBe(true);
}, 15_000);
