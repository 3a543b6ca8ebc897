import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

async function tryLogin(username: string, password: string) {
  const browser = new TestBrowser(t.app);
  await browser.get('/login');
  return browser.post('/login', { username, password });
}

const withoutCsrf = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, '');

describe('the password step is throttled per username', () => {
  test('five typos cost nothing; after the sixth the next try waits 1 s, then 2 s', async () => {
    const user = await addUser(t);
    for (let i = 0; i < 5; i++) expect((await tryLogin(user.username, 'wrong')).status).toBe(401);
    expect((await tryLogin(user.username, 'wrong')).status).toBe(401); // the 6th is still evaluated
    const waiting = await tryLogin(user.username, user.password);
    expect(waiting.status).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    expect(waiting.body).toContain('Te veel mislukte inlogpogingen');

    t.clock.advance(1);
    expect((await tryLogin(user.username, 'wrong')).status).toBe(401); // 7th failure: 2 s
    t.clock.advance(1);
    expect((await tryLogin(user.username, user.password)).status).toBe(429);
    t.clock.advance(1);
    expect((await tryLogin(user.username, user.password)).location).toBe('/login/fallback');
    // A correct password starts the count over.
    expect((await tryLogin(user.username, 'wrong')).status).toBe(401);
    expect((await tryLogin(user.username, user.password)).status).toBe(303);
  });

  test('an unknown name is throttled and answered exactly like a known one (no enumeration)', async () => {
    const user = await addUser(t, { username: 'alice' });
    for (let i = 0; i < 6; i++) {
      await tryLogin(user.username, 'wrong');
      await tryLogin('nobody', 'wrong');
    }
    const known = await tryLogin(user.username, 'wrong');
    const unknown = await tryLogin('nobody', 'wrong');
    expect([known.status, unknown.status]).toEqual([429, 429]);
    expect(withoutCsrf(known.body).replace('alice', 'X')).toBe(
      withoutCsrf(unknown.body).replace('nobody', 'X'),
    );
  });

  test('the name is matched without regard to case, and other names are not affected', async () => {
    const user = await addUser(t, { username: 'bob' });
    const other = await addUser(t, { username: 'carol' });
    for (let i = 0; i < 6; i++) await tryLogin(i % 2 ? 'BOB' : 'Bob', 'wrong');
    expect((await tryLogin(user.username, user.password)).status).toBe(429);
    expect((await tryLogin(other.username, other.password)).status).toBe(303);
  });
});
