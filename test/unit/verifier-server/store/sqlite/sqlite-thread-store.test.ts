import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DatabaseUnavailableError } from '../../../../../verifier-server/store/database-unavailable';
import type { ThreadedSqliteStore } from '../../../../../verifier-server/store/sqlite/sqlite-thread-store';
import { totp } from '../../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../../support/verifier-test-app';
import type { TestDatabase } from '../../../../support/verifier-test-database';
import {
  atSecondStep,
  failedAttempts,
  firstAuthenticator,
  isLoggedIn,
  logEntries,
  submitCode,
  userWithAuthenticators,
} from '../../auth/second-step-fixtures';

/**
 * The server's SQLite store runs its statements in a thread of its own (VERIFIER_SQLITE_THREAD,
 * on unless 0). The second step crosses the thread as data and is checked there, in the same
 * transaction as before: the guarantees of verification-store.test.ts through the thread, with
 * real codes, and what happens when the thread dies.
 */
let t: TestApp;
let store: ThreadedSqliteStore;
const databasePath = () => ((t.database as TestDatabase).config as { databasePath: string }).databasePath;

beforeEach(async () => {
  t = await createTestApp({ onDisk: true, config: { sqliteThread: true } });
  store = t.ctx.store as ThreadedSqliteStore;
});
afterEach(async () => {
  await t.app.close();
});

describe('the second step through the thread', () => {
  test('the store is the threaded one (the test would prove nothing otherwise)', () => {
    expect(typeof store.terminateThread).toBe('function');
  });

  test('the right code logs in once; the same code again is a replay, counted and refused', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(30);
    const code = totp(a.secret, t.clock.now());
    const first = await atSecondStep(t, user);
    expect((await submitCode(first, a.id, code)).location).toBe('/account');
    expect(await isLoggedIn(first)).toBe(true);

    const second = await atSecondStep(t, user, '192.0.2.7');
    const replay = await submitCode(second, a.id, code);
    expect(replay.status).toBe(401);
    expect(await isLoggedIn(second)).toBe(false);
    expect(await failedAttempts(t, user)).toBe(1);
  });

  test('the same code from five sessions at once: exactly one logs in', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(30);
    const code = totp(a.secret, t.clock.now());
    const browsers = await Promise.all([1, 2, 3, 4, 5].map((n) => atSecondStep(t, user, `192.0.2.${n}`)));
    const answers = await Promise.all(browsers.map((b) => submitCode(b, a.id, code)));
    expect(answers.filter((r) => r.location === '/account')).toHaveLength(1);
  });

  test('a malformed code is refused in the thread before anything is counted', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, '12 34');
    expect(page.status).toBe(400);
    expect(page.body).toContain('6 cijfers');
    expect(await failedAttempts(t, user)).toBe(0);
  });

  test('a damaged sealed secret: "cannot be checked now", logged as secret.integrity, nothing counted', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    const database = t.database as TestDatabase;
    await database.query('UPDATE authenticators SET secret_sealed = $1 WHERE id = $2', [
      Buffer.alloc(48, 7),
      a.id,
    ]);
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, totp(a.secret, t.clock.now()));
    expect(page.body).toContain('kan nu niet worden gecontroleerd');
    expect(await isLoggedIn(browser)).toBe(false);
    expect(await failedAttempts(t, user)).toBe(0);
    const events = logEntries(t).filter((e) => e.event === 'secret.integrity');
    expect(events).toEqual([expect.objectContaining({ userId: user.id, authenticatorId: a.id })]);
  });
});

describe('errors and faults across the thread', () => {
  test("a database error keeps its message and SQLite's code", async () => {
    const org = await store.createOrganisation('Praktijk Draad', true);
    const user = {
      organisationId: org.id,
      username: 'anna',
      email: 'a@x.example',
      mobile: null,
      passwordHash: 'x',
    };
    await store.createUser(user);
    await expect(store.createUser(user)).rejects.toMatchObject({
      code: 'SQLITE_CONSTRAINT_UNIQUE',
      message: expect.stringContaining('UNIQUE'),
    });
  });

  test('the thread dies holding the write lock: its call fails closed (503), the next thread writes to the same file', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    const session = { userId: user.id, stage: 'mfa' as const, createdAt: 0, expiresAt: 2e9, authTime: 0 };
    // Another connection holds the write lock, so the thread's write is certainly under way.
    const other = new Database(databasePath());
    other.exec('BEGIN IMMEDIATE');
    const during = store.createSession({ ...session, idHash: 'during.the-crash' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const terminated = store.terminateThread();
    // The thread gets the lock, and is stopped before it writes and commits.
    other.exec('ROLLBACK');
    other.close();
    await terminated;
    await expect(during).rejects.toBeInstanceOf(DatabaseUnavailableError);
    expect(logEntries(t).some((e) => e.event === 'database.connection-failed')).toBe(true);

    // The dead thread left no lock and no half transaction: a new thread writes and logs in.
    await store.createSession({ ...session, idHash: 'after.the-crash' });
    expect(await store.getSession('after.the-crash', 1)).not.toBeNull();
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    expect((await submitCode(browser, a.id, totp(a.secret, t.clock.now()))).location).toBe('/account');
  });

  test('a code under check when the thread dies: 503 with Retry-After, no login, and the code is not spent', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(30);
    const code = totp(a.secret, t.clock.now());
    const browser = await atSecondStep(t, user);
    const other = new Database(databasePath());
    other.exec('BEGIN IMMEDIATE');
    const answer = submitCode(browser, a.id, code);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const terminated = store.terminateThread();
    other.exec('ROLLBACK');
    other.close();
    await terminated;
    const page = await answer;
    expect(page.status).toBe(503);
    expect(page.headers['retry-after']).toBeDefined();
    expect(await isLoggedIn(browser)).toBe(false);
    // Nothing was decided: the same code, sent again, logs in.
    expect((await submitCode(browser, a.id, code)).location).toBe('/account');
  });

  test('after close every call is refused and the thread is gone', async () => {
    await store.close();
    await expect(store.getUser(1)).rejects.toBeInstanceOf(DatabaseUnavailableError);
  });
});

describe('the checkpointer: the WAL copied into the database file beside the SQLite thread', () => {
  const sessionsOf = (userId: number, count: number) =>
    Array.from({ length: count }, (_, n) => ({
      idHash: `checkpointed-${n}.${'x'.repeat(43)}`,
      userId,
      stage: 'full' as const,
      createdAt: 0,
      expiresAt: 2e9,
      authTime: 0,
    }));

  test("writes reach the database file well before the writer's own checkpoint would copy them", async () => {
    const { user } = firstAuthenticator(await userWithAuthenticators(t));
    const before = statSync(databasePath()).size;
    // A few hundred WAL frames: below the writer's autocheckpoint (1,000), so only the
    // checkpointer can have moved them into the file (which grows as its new pages land).
    for (const session of sessionsOf(user.id, 150)) await store.createSession(session);
    const deadline = Date.now() + 5_000;
    while (statSync(databasePath()).size === before && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(statSync(databasePath()).size).toBeGreaterThan(before);
    // The premise: the WAL never reached the writer's threshold (frames of 4 KiB + 24 bytes).
    expect(statSync(`${databasePath()}-wal`).size / (4096 + 24)).toBeLessThan(1000);
    expect(await store.getSession(`checkpointed-149.${'x'.repeat(43)}`, 1)).not.toBeNull();
  });

  test('close stops it first: the WAL is folded into the file and removed, and nothing is lost', async () => {
    const { user } = firstAuthenticator(await userWithAuthenticators(t));
    for (const session of sessionsOf(user.id, 20)) await store.createSession(session);
    await store.close();
    expect(existsSync(`${databasePath()}-wal`)).toBe(false);
    // Stopped on purpose: not reported as a failure.
    expect(logEntries(t).some((e) => e.event === 'database.checkpoint-failed')).toBe(false);
    const reopened = new Database(databasePath(), { readonly: true });
    const { n } = reopened
      .prepare("SELECT count(*) AS n FROM sessions WHERE selector LIKE 'checkpointed-%'")
      .get() as {
      n: number;
    };
    reopened.close();
    expect(n).toBe(20);
  });

  test('a checkpointer that stops is logged once (database.checkpoint-failed); the store goes on without it', async () => {
    const { user } = firstAuthenticator(await userWithAuthenticators(t));
    await store.terminateCheckpointer();
    const failed = () => logEntries(t).filter((e) => e.event === 'database.checkpoint-failed');
    const deadline = Date.now() + 5_000;
    while (failed().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(failed()).toEqual([
      expect.objectContaining({
        level: 40,
        err: expect.objectContaining({ message: expect.stringContaining('checkpointer') }),
      }),
    ]);
    // The writer checkpoints on its own: writes go on, and close still folds the WAL in.
    for (const session of sessionsOf(user.id, 20)) await store.createSession(session);
    expect((await t.app.inject({ method: 'GET', url: '/login' })).statusCode).toBe(200);
    await store.close();
    expect(existsSync(`${databasePath()}-wal`)).toBe(false);
    expect(failed()).toHaveLength(1);
  });
});
