import { afterEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

/**
 * The access log is one line per request and can be sampled or switched off (it costs
 * throughput); security events (`event` lines, SECURITY #6, #20) are logged whatever the level.
 */

let t: TestApp | undefined;
afterEach(async () => {
  await t?.app.close();
});

async function logInWithoutSecondFactor(app: TestApp) {
  const user = await addUser(app, { requireTwoFactor: false });
  const browser = new TestBrowser(app.app);
  await browser.get('/login');
  await browser.post('/login', { username: user.username, password: 'wrong password' });
  await browser.post('/login', { username: user.username, password: user.password });
  return app.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
}

const accessLines = (lines: Array<Record<string, unknown>>) => lines.filter((l) => l.msg === 'request');
const events = (lines: Array<Record<string, unknown>>) => lines.map((l) => l.event).filter(Boolean);

describe('logging', () => {
  test('by default: an access line per request, and the events', async () => {
    t = await createTestApp({ logLevel: 'info' });
    const lines = await logInWithoutSecondFactor(t);
    expect(accessLines(lines).map((l) => [l.method, l.path, l.status])).toEqual([
      ['GET', '/login', 200],
      ['POST', '/login', 401],
      ['POST', '/login', 303],
    ]);
    expect(events(lines)).toEqual(['login.failed', 'login.success']);
  });

  test('LOG_LEVEL=warn: no access lines, but every security event still', async () => {
    t = await createTestApp({ logLevel: 'warn' });
    const lines = await logInWithoutSecondFactor(t);
    expect(accessLines(lines)).toEqual([]);
    expect(events(lines)).toEqual(['login.failed', 'login.success']);
  });

  test('VERIFIER_ACCESS_LOG=off (share 0): no access lines, the events still', async () => {
    t = await createTestApp({ logLevel: 'info', config: { accessLog: 0 } });
    const lines = await logInWithoutSecondFactor(t);
    expect(accessLines(lines)).toEqual([]);
    expect(events(lines)).toEqual(['login.failed', 'login.success']);
  });
});
