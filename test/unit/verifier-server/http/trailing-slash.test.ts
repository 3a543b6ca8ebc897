import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { postRaw } from '../routes/route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

describe('a page address typed with a trailing slash', () => {
  test('/login/ leads to /login, and the login form there still logs in', async () => {
    const user = await addUser(t, { requireTwoFactor: false });
    const browser = new TestBrowser(t.app);
    const typed = await browser.get('/login/');
    expect(typed.status).toBe(301);
    expect(typed.location).toBe('/login');
    const form = await browser.visit('/login/');
    expect(form.status).toBe(200);
    expect(form.body).toContain('action="/login"');
    const done = await browser.post('/login', { username: user.username, password: user.password });
    expect(done.location).toBe('/account');
  });

  test('the query is kept (/login/?lang=en → /login?lang=en), also for HEAD', async () => {
    const page = await new TestBrowser(t.app).get('/login/?lang=en');
    expect(page.location).toBe('/login?lang=en');
    const head = await t.app.inject({ method: 'HEAD', url: '/account/' });
    expect(head.statusCode).toBe(301);
    expect(head.headers.location).toBe('/account');
  });

  test('an address no page answers stays a 404, with or without the slash', async () => {
    const browser = new TestBrowser(t.app);
    for (const url of ['/nothing-here/', '/login//', '/login/code/extra/']) {
      const page = await browser.get(url);
      expect(page.status, url).toBe(404);
      expect(page.location, url).toBeUndefined();
    }
  });

  test('a POST to the slashed address is not redirected and still needs its CSRF token', async () => {
    const user = await addUser(t);
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const withoutToken = await postRaw(t, browser, '/login/', {
      username: user.username,
      password: user.password,
    });
    expect(withoutToken.statusCode).toBe(403);
    expect(withoutToken.headers.location).toBeUndefined();
    const withToken = await browser.post('/login/', { username: user.username, password: user.password });
    expect(withToken.status).toBe(404);
    expect(browser.cookies.has('sid')).toBe(false);
  });

  test.each([
    '/outbox/',
    '/outbox.json/',
    // The router decodes before it matches: encoded, the outbox would be found (review finding).
    '/%6Futbox/',
    '/outbox%2Ejson/',
    '/%6f%75%74%62%6f%78/',
    '/./outbox/',
    '/OUTBOX/',
  ])('the outbox gives nothing away: %s is a 404 to a refused requester, not a redirect', async (url) => {
    for (const method of ['GET', 'HEAD'] as const) {
      const page = await t.app.inject({
        method,
        url,
        remoteAddress: '203.0.113.9',
        headers: { host: 'portal.example' },
      });
      expect(page.statusCode, `${method} ${url}`).toBe(404);
      expect(page.headers.location).toBeUndefined();
    }
  });
});
