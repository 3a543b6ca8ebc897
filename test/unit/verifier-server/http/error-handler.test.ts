import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { Store } from '../../../../verifier-server/store/store';
import { TestBrowser } from '../../../support/test-browser';
import { addUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { createTestStore, type TestStore } from '../../../support/verifier-test-store';

const INTERNAL = 'SECRET-INTERNAL-DETAIL';

let t: TestApp;
let base: TestStore;
let failing: boolean;

beforeEach(async () => {
  failing = false;
  base = await createTestStore();
  // A fault forced where every guarded page reads: the session and its user.
  const store: Store = {
    ...base.store,
    async getSessionUser(idHash, now) {
      if (failing) throw new Error(INTERNAL);
      return base.store.getSessionUser(idHash, now);
    },
  };
  t = await createTestApp({ store });
});
afterEach(async () => {
  await t.app.close();
  await base.close(); // an injected store is the caller's to close
});

describe('SECURITY #20: errors never echo internals', () => {
  test('an exception inside a route gives a generic 500 page', async () => {
    const user = await addUser(t, { requireTwoFactor: false });
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const login = await browser.post('/login', { username: user.username, password: user.password });
    expect(login.location).toBe('/account');

    failing = true;
    const page = await browser.get('/account');
    expect(page.status).toBe(500);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('Er ging iets mis aan onze kant');
    expect(page.body).not.toContain(INTERNAL);
    expect(page.body).not.toMatch(/sqlite|store|\.tsx?:\d+|at async/i);
    // Operators still find it in the log.
    expect(t.logs.some((l) => l.includes(INTERNAL))).toBe(true);
  });

  test('the generic page is in the language of the user', async () => {
    const user = await addUser(t, { requireTwoFactor: false });
    const browser = new TestBrowser(t.app);
    await browser.get('/login?lang=en');
    await browser.post('/login', { username: user.username, password: user.password });
    failing = true;
    const page = await browser.get('/account');
    expect(page.status).toBe(500);
    expect(page.body).toContain('Something went wrong on our side');
    expect(page.body).not.toContain(INTERNAL);
  });

  test('a body over the limit gives 413 with a Dutch message', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const page = await browser.post('/login', { username: 'x', password: 'p'.repeat(20 * 1024) });
    expect(page.status).toBe(413);
    expect(page.body).toContain(
      'U heeft te veel tekst ingevuld. Ga terug, maak de tekst korter en probeer het opnieuw.',
    );
  });

  test('multipart bodies are refused with 415 and a Dutch message', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      payload: '--x\r\nContent-Disposition: form-data; name="username"\r\n\r\nx\r\n--x--\r\n',
    });
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain(
      'Deze actie kon niet worden uitgevoerd. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
    );
  });

  test('a JSON body is refused with 415 and a Dutch message', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const response = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { cookie: browser.cookieHeader(), 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: browser.csrf, username: 'x', password: 'y' }),
    });
    expect(response.statusCode).toBe(415);
    expect(response.body).toContain(
      'Deze actie kon niet worden uitgevoerd. Ga terug, laad de pagina opnieuw en probeer het nog eens.',
    );
  });

  test('a malformed form gives 400 with a clear message, never a 500', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const repeated = await browser.post('/login', { username: ['a', 'b'], password: 'x' });
    expect(repeated.status).toBe(400);
    expect(repeated.body).toContain('Het formulier is onvolledig of ongeldig. Ga terug');
    expect(repeated.body).not.toContain('(username)');
    const missing = await browser.post('/login', { username: 'a' });
    expect(missing.status).toBe(400);
    expect(missing.body).toContain('Het formulier is onvolledig of ongeldig.');
  });

  test('an unknown page is a 404 without internals', async () => {
    const page = await new TestBrowser(t.app).get('/account/../../etc/passwd');
    expect(page.status).toBe(404);
    expect(page.body).toContain('Deze pagina bestaat niet.');
  });
});
