import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

function title(body: string): string | undefined {
  return /<h1[^>]*>([^<]*)<\/h1>/.exec(body)?.[1];
}

describe('page language', () => {
  test('Dutch by default', async () => {
    const page = await new TestBrowser(t.app).get('/login');
    expect(page.body).toContain('<html lang="nl">');
    expect(title(page.body)).toBe('Inloggen');
  });

  test('?lang=en gives English and is remembered in a cookie for the next page', async () => {
    const browser = new TestBrowser(t.app);
    const page = await browser.get('/login?lang=en');
    expect(page.body).toContain('<html lang="en">');
    expect(title(page.body)).toBe('Log in');
    expect(browser.cookies.get('lang')).toBe('en');
    const next = await browser.get('/login');
    expect(title(next.body)).toBe('Log in');
    const back = await browser.get('/login?lang=nl');
    expect(title(back.body)).toBe('Inloggen');
    expect(title((await browser.get('/login')).body)).toBe('Inloggen');
  });

  test.each(['en', 'en-GB,en;q=0.9', 'fr;q=0.9, en;q=0.8'])(
    'Accept-Language: %s gives English',
    async (al) => {
      const page = await new TestBrowser(t.app).get('/login', { 'accept-language': al });
      expect(title(page.body)).toBe('Log in');
    },
  );

  test.each(['fr', 'nl-NL,nl;q=0.9,en;q=0.5', 'xx'])('Accept-Language: %s gives Dutch', async (al) => {
    const page = await new TestBrowser(t.app).get('/login', { 'accept-language': al });
    expect(title(page.body)).toBe('Inloggen');
  });

  test('?lang= wins over Accept-Language, and an unknown ?lang= is ignored', async () => {
    const nl = await new TestBrowser(t.app).get('/login?lang=nl', { 'accept-language': 'en' });
    expect(title(nl.body)).toBe('Inloggen');
    const browser = new TestBrowser(t.app);
    const odd = await browser.get('/login?lang=xx');
    expect(title(odd.body)).toBe('Inloggen');
    expect(browser.cookies.has('lang')).toBe(false);
  });

  test('error pages follow the language too', async () => {
    const page = await new TestBrowser(t.app).get('/nope?lang=en');
    expect(page.status).toBe(404);
    expect(page.body).toContain('This page does not exist.');
    const browser = new TestBrowser(t.app);
    await browser.get('/login?lang=en');
    const csrf = await browser.post('/login', { _csrf: 'wrong', username: 'a', password: 'b' });
    expect(csrf.status).toBe(403);
    expect(csrf.body).toContain('This form has expired or is invalid.');
  });

  test('a failed login answers in English for an English browser', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login?lang=en');
    const page = await browser.post('/login', { username: 'nobody', password: 'x' });
    expect(page.status).toBe(401);
    expect(page.body).toContain('Incorrect username or password.');
  });
});
