import { createConnection, createServer } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { createSqliteStore } from '../../../../verifier-server/store/sqlite-store';
import {
  killAllVerifiers,
  newVerifierKey,
  runVerifierToExit,
  type TempDatabase,
  tempDatabase,
} from '../../../support/verifier-process';

let databases: TempDatabase[] = [];
afterEach(async () => {
  await killAllVerifiers();
  for (const d of databases) d.remove();
  databases = [];
});

/** A port that was free a moment ago (so the test can check afterwards that nothing listens on it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

test('server.ts refuses to seed demo/demo on an empty database when HOST is not loopback, and does not listen', async () => {
  const db = tempDatabase();
  databases.push(db);
  const port = await freePort();
  const run = await runVerifierToExit({
    databasePath: db.path,
    key: newVerifierKey(),
    host: '0.0.0.0',
    port,
  });

  expect(run.signal).toBeNull();
  expect(run.code).not.toBe(0);
  expect(run.stderr).toMatch(/demo/);
  expect(run.stderr).toContain('0.0.0.0');
  expect(run.stdout).not.toContain('Verifier:');
  expect(await connects(port)).toBe(false);

  const store = createSqliteStore(db.path);
  try {
    expect(await store.countUsers()).toBe(0);
  } finally {
    await store.close();
  }
}, 60_000);
