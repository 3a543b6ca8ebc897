import { afterEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { passwordStep, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { seededUser } from '../routes/route-test-helpers';

let t: TestApp;
afterEach(async () => {
  await t.app.close();
});

/** Every Set-Cookie header a browser received during a TOTP login with "Onthoud deze browser". */
async function setCookiesOfRememberedLogin(browser = new TestBrowser(t.app)): Promise<string[]> {
  const seen: string[] = [];
  const { user, auth } = await seededUser(t);
  t.clock.advance(30);
  const collect = (headers: { 'set-cookie'?: string | string[] | undefined }) => {
    const h = headers['set-cookie'];
    if (h !== undefined) seen.push(...(Array.isArray(h) ? h : [h]));
  };
  collect((await browser.get('/login?lang=nl')).headers);
  const { page } = await passwordStep(t, user, browser);
  collect(page.headers);
  collect((await browser.get('/login/code')).headers);
  const done = await browser.post('/login/code', {
    authenticator: auth.id,
    code: totp(auth.secret, t.clock.now()),
    remember: '1',
  });
  expect(done.location).toBe('/account');
  collect(done.headers);
  return seen;
}

function attributes(header: string) {
  const [pair = '', ...rest] = header.split(';').map((s) => s.trim());
  const name = pair.slice(0, pair.indexOf('='));
  const attrs = new Map(
    rest.map((a) => {
      const i = a.indexOf('=');
      return i < 0 ? [a.toLowerCase(), ''] : [a.slice(0, i).toLowerCase(), a.slice(i + 1)];
    }),
  );
  return { name, attrs };
}

function cookieNamed(headers: string[], name: string) {
  const found = headers.map(attributes).filter((c) => c.name === name);
  expect(found.length, `a Set-Cookie for ${name}`).toBeGreaterThan(0);
  return found;
}

describe('SECURITY #16: cookie attributes', () => {
  test('over http the session, remember, device and CSRF cookies are HttpOnly and SameSite=Lax', async () => {
    t = await createTestApp();
    const headers = await setCookiesOfRememberedLogin();
    for (const name of ['sid', 'remember', 'device', '_csrf']) {
      for (const { attrs } of cookieNamed(headers, name)) {
        expect(attrs.has('httponly'), `${name} HttpOnly`).toBe(true);
        expect(attrs.get('samesite')?.toLowerCase(), `${name} SameSite`).toBe('lax');
        expect(attrs.get('path')).toBe('/');
      }
    }
    const [remember] = cookieNamed(headers, 'remember');
    expect(remember?.attrs.get('max-age')).toBe(String(7 * 24 * 3600));
    // SECURITY #19: the device cookie of every completed login lasts 90 days.
    const [device] = cookieNamed(headers, 'device');
    expect(device?.attrs.get('max-age')).toBe(String(90 * 24 * 3600));
  });

  test('over https the session cookie is __Host-sid, Secure, HttpOnly, SameSite=Lax, Path=/ and no Domain', async () => {
    t = await createTestApp({ config: { secureCookies: true } });
    const headers = await setCookiesOfRememberedLogin();
    const names = headers.map((h) => attributes(h).name);
    expect(names).not.toContain('sid');
    expect(names).not.toContain('remember');
    expect(names).not.toContain('device');
    for (const name of ['__Host-sid', '__Host-remember', '__Host-device', '__Host-csrf']) {
      for (const { attrs } of cookieNamed(headers, name)) {
        expect(attrs.has('secure'), `${name} Secure`).toBe(true);
        expect(attrs.has('httponly'), `${name} HttpOnly`).toBe(true);
        expect(attrs.get('samesite')?.toLowerCase()).toBe('lax');
        expect(attrs.get('path')).toBe('/');
        expect(attrs.has('domain')).toBe(false);
      }
    }
  });

  test('over https a logged-in browser reaches Mijn gegevens with the __Host- cookies', async () => {
    t = await createTestApp({ config: { secureCookies: true } });
    await setCookiesOfRememberedLogin();
    // The whole flow above worked with __Host-sid; a plain "sid" cookie is not honoured.
    const forged = new TestBrowser(t.app);
    forged.cookies.set('sid', 'x'.repeat(43));
    expect((await forged.get('/account')).location).toBe('/login');
  });

  test('over https every cookie the server sets is Secure', async () => {
    t = await createTestApp({ config: { secureCookies: true } });
    const browser = new TestBrowser(t.app);
    const headers = await setCookiesOfRememberedLogin(browser);
    await browser.get('/account');
    const logout = await browser.post('/logout'); // sets the "U bent uitgelogd." notice
    expect(logout.location).toBe('/login');
    const h = logout.headers['set-cookie'];
    headers.push(...(Array.isArray(h) ? h : h === undefined ? [] : [h]));
    expect(headers.map((x) => attributes(x).name)).toContain('__Host-flash');
    for (const h of headers) expect(attributes(h).attrs.has('secure'), h).toBe(true);
  });
});
