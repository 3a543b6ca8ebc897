import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { UNAVAILABLE_RETRY_SECONDS } from '../../../../verifier-server/http/error-handler';
import { DatabaseUnavailableError } from '../../../../verifier-server/store/database-unavailable';
import type { Store } from '../../../../verifier-server/store/store';
import type { TestBrowser } from '../../../support/test-browser';
import { totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import type { TestDatabase } from '../../../support/verifier-test-database';
import { createTestStore, TEST_STORE, type TestStore } from '../../../support/verifier-test-store';
import {
  atSecondStep,
  firstAuthenticator,
  isLoggedIn,
  submitCode,
  userWithAuthenticators,
} from '../auth/second-step-fixtures';

/**
 * A database that cannot answer fails the request closed: 503 with Retry-After and a sentence
 * from the message catalogue, never a login and never a framework page, whatever the cause
 * (one path in http/error-handler.tsx). The real faults per store: SQLite locked by another
 * process past busy_timeout; PostgreSQL past statement_timeout, and a full pool past its wait.
 */

let t: TestApp | undefined;
let base: TestStore | undefined;
const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await t?.app.close();
  await base?.close();
  t = undefined;
  base = undefined;
});

function expectFailedClosed(page: { status: number; headers: Record<string, unknown>; body: string }) {
  expect(page.status).toBe(503);
  expect(page.headers['retry-after']).toBe(String(UNAVAILABLE_RETRY_SECONDS));
  expect(page.body).toContain('Het portaal werkt op dit moment niet goed. Er is niets gewijzigd');
  expect(page.body).not.toMatch(/SQLITE|timeout|pool|Error|at \//);
}

/** A user with an authenticator, 30 s later at the second step with its current code. */
async function atCode(app: TestApp) {
  const { user, a } = firstAuthenticator(await userWithAuthenticators(app));
  app.clock.advance(30);
  const browser = await atSecondStep(app, user);
  return { user, browser, id: a.id, code: totp(a.secret, app.clock.now()) };
}

async function loggedInAfterwards(browser: TestBrowser, id: string, code: string) {
  return (await submitCode(browser, id, code)).location === '/account' && (await isLoggedIn(browser));
}

describe('one path for "the database is unavailable"', () => {
  test('any store method that reports it: 503 + Retry-After, in the user’s language, logged as an event', async () => {
    base = await createTestStore();
    const inner = base.store;
    let down = false;
    const store: Store = {
      ...inner,
      async getSessionUser(idHash, now) {
        if (down) throw new DatabaseUnavailableError('connection refused 10.0.0.5:5432');
        return inner.getSessionUser(idHash, now);
      },
      // The second step's POST reads its session in the same call as the check.
      async verifySessionSecondFactor(attempt) {
        if (down) throw new DatabaseUnavailableError('connection refused 10.0.0.5:5432');
        return inner.verifySessionSecondFactor(attempt);
      },
    };
    t = await createTestApp({ store });
    const { browser, id, code } = await atCode(t);
    down = true;
    expectFailedClosed(await submitCode(browser, id, code));
    await browser.get('/login?lang=en');
    const english = await submitCode(browser, id, code);
    expect(english.status).toBe(503);
    expect(english.body).toContain('The portal is not working properly right now. Nothing was changed');
    expect(t.logs.some((l) => l.includes('"event":"database.unavailable"'))).toBe(true);
    expect(t.logs.join('\n')).not.toContain(code);
    down = false;
    expect(await loggedInAfterwards(browser, id, code)).toBe(true);
  });
});

describe.runIf(TEST_STORE === 'sqlite')('SQLite', () => {
  test('another process holds the write lock past busy_timeout: 503, and the code still works afterwards', async () => {
    t = await createTestApp({ onDisk: true });
    const app = t;
    const { browser, id, code } = await atCode(app);
    const path = ((app.database as TestDatabase).config as { databasePath: string }).databasePath;
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    cleanups.push(() => other.close());
    const started = Date.now();
    expectFailedClosed(await submitCode(browser, id, code));
    expect(Date.now() - started).toBeGreaterThanOrEqual(4_500); // busy_timeout = 5000
    other.exec('ROLLBACK');
    expect(await loggedInAfterwards(browser, id, code)).toBe(true);
  }, 20_000);
});

describe.runIf(TEST_STORE === 'postgres')('PostgreSQL', () => {
  /** Another connection holds the user's row, so the claim of the second step waits. */
  async function lockUser(app: TestApp, userId: number) {
    const url = ((app.database as TestDatabase).config as { postgres: { url: string } }).postgres.url;
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const release = async () => {
      await other.query('ROLLBACK').catch(() => undefined);
      await other.end();
    };
    cleanups.push(release);
    return release;
  }

  test('a statement past statement_timeout is cancelled: 503 within the bound, and the code still works', async () => {
    t = await createTestApp({ postgres: { statementTimeoutMs: 300 } });
    const app = t;
    const { user, browser, id, code } = await atCode(app);
    const release = await lockUser(app, user.id);
    const started = Date.now();
    expectFailedClosed(await submitCode(browser, id, code));
    expect(Date.now() - started).toBeLessThan(2_000);
    await release();
    // Nothing of the cancelled transaction was kept: no attempt counted, the step unused.
    expect((await app.ctx.store.getUser(user.id))?.failedAttempts).toBe(0);
    expect(await loggedInAfterwards(browser, id, code)).toBe(true);
  });

  test('the pool exhausted: the next request is answered 503 after the wait for a connection, not later', async () => {
    t = await createTestApp({ postgres: { poolSize: 1, connectTimeoutMs: 300, statementTimeoutMs: 5_000 } });
    const app = t;
    const { user, browser, id, code } = await atCode(app);
    const other = await atSecondStep(app, user, '192.0.2.7');
    const release = await lockUser(app, user.id);
    // The only connection waits on the lock inside the second step's transaction …
    const holding = submitCode(browser, id, code);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // … so this request finds no connection.
    const started = Date.now();
    expectFailedClosed(await other.get('/login/code'));
    expect(Date.now() - started).toBeLessThan(1_500);
    await release();
    expect((await holding).location).toBe('/account');
  });
});
