import { afterEach, beforeEach, expect, test } from 'vitest';
import { manualKeyOf, shownManualKey } from '../../../support/manual-key-of';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, latestCodeFor, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

test('SECURITY #20: a full flow logs no password, code, cookie, token or secret', async () => {
  const secrets = new Set<string>();
  const codes = new Set<string>();
  const keep = (b: TestBrowser) => {
    for (const v of b.cookies.values()) secrets.add(decodeURIComponent(v));
    if (b.csrf) secrets.add(b.csrf);
  };

  const user = await addUser(t, { password: 'Geheim-wachtwoord-123' });
  secrets.add(user.password);
  secrets.add((await t.ctx.store.getUser(user.id))?.passwordHash ?? '');
  const browser = new TestBrowser(t.app);

  // A wrong password first, then the password step and a code by e-mail.
  await browser.get('/login');
  await browser.post('/login', { username: user.username, password: 'Fout-wachtwoord-456' });
  secrets.add('Fout-wachtwoord-456');
  await browser.post('/login', { username: user.username, password: user.password });
  keep(browser);
  await browser.get('/login/fallback');
  await browser.post('/login/fallback', { channel: 'email' });
  await browser.get('/login/fallback/code');
  const mailed = await latestCodeFor(browser, user.email);
  codes.add(mailed);
  expect((await browser.post('/login/fallback/code', { code: mailed })).location).toBe('/account');
  keep(browser);

  // Enrollment: the secret, the QR code, a wrong and the right code.
  await browser.get('/account/authenticators/new');
  await browser.post('/account/authenticators/new', { name: 'Chrome plugin balie' });
  const step2 = await browser.get('/account/authenticators/new/step-2');
  const secret = manualKeyOf(step2.body);
  expect(secret).toHaveLength(32);
  secrets.add(secret);
  secrets.add(shownManualKey(step2.body));
  secrets.add(/src="data:image\/png;base64,([^"]{40})/.exec(step2.body)?.[1] ?? '');
  const enrollCode = totp(secret, t.clock.now());
  const wrongEnroll = enrollCode === '123456' ? '654321' : '123456';
  codes.add(enrollCode);
  await browser.post('/account/authenticators/new/step-2', { code: wrongEnroll });
  await browser.post('/account/authenticators/new/step-2', { code: enrollCode });
  const [auth] = await t.ctx.store.listAuthenticators(user.id);
  expect(auth).toBeDefined();
  keep(browser);
  await browser.get('/account');
  await browser.post('/logout');

  // TOTP login with "Onthoud deze browser", and a replay of the enrollment code.
  t.clock.advance(30);
  await browser.get('/login');
  await browser.post('/login', { username: user.username, password: user.password });
  keep(browser);
  await browser.get('/login/code');
  await browser.post('/login/code', { authenticator: auth?.id ?? '', code: enrollCode });
  t.clock.advance(5);
  const loginCode = totp(secret, t.clock.now());
  codes.add(loginCode);
  const done = await browser.post('/login/code', {
    authenticator: auth?.id ?? '',
    code: loginCode,
    remember: '1',
  });
  expect(done.location).toBe('/account');
  keep(browser);
  expect(browser.cookies.has('remember')).toBe(true);
  await browser.get('/account');
  await browser.post('/logout');

  // A fallback login in another browser ("Ik heb geen toegang tot mijn authenticator(s)").
  const other = new TestBrowser(t.app);
  await other.get('/login');
  await other.post('/login', { username: user.username, password: user.password });
  keep(other);
  await other.get('/login/fallback');
  await other.post('/login/fallback', { channel: 'sms' });
  await other.get('/login/fallback/code');
  const texted = await latestCodeFor(other, user.mobile ?? '');
  codes.add(texted);
  expect((await other.post('/login/fallback/code', { code: texted })).location).toBe('/account');
  keep(other);

  // Change the password.
  await other.get('/account/password');
  const next = 'Nieuw-geheim-wachtwoord-789';
  secrets.add(next);
  expect(
    (await other.post('/account/password', { current: user.password, new: next, confirm: next })).location,
  ).toBe('/account');
  keep(other);
  secrets.add((await t.ctx.store.getUser(user.id))?.passwordHash ?? '');

  const log = t.logs.join('\n');
  // The capture works and saw the flow (so the absence below means something).
  expect(log).toContain('login.success');
  expect(log).toContain('totp.replay');
  expect(log).toContain('password.changed');

  secrets.delete('');
  expect(secrets.size).toBeGreaterThan(12);
  for (const s of secrets) expect(log.includes(s), `log contains ${s.slice(0, 12)}…`).toBe(false);
  expect(codes.size).toBeGreaterThanOrEqual(4);
  for (const c of codes)
    expect(log, `log contains code ${c}`).not.toMatch(new RegExp(`(?<![0-9])${c}(?![0-9])`));
  expect(log).not.toMatch(/otpauth:/i);
});

test('the access log has one line per request: method, path and status, never a query string', async () => {
  const user = await addUser(t);
  const browser = new TestBrowser(t.app);
  await browser.get('/login?lang=en&token=Geheim-in-de-url-789');
  await browser.post('/login?next=Geheim-in-de-url-789', {
    username: user.username,
    password: user.password,
  });
  const requests = t.logs.filter((l) => l.includes('"msg":"request"'));
  expect(requests).toHaveLength(2);
  expect(requests.map((l) => JSON.parse(l))).toMatchObject([
    { method: 'GET', path: '/login', status: 200 },
    { method: 'POST', path: '/login', status: 303 },
  ]);
  for (const line of t.logs) {
    expect(line).not.toContain('Geheim-in-de-url-789');
    expect(line).not.toContain('lang=en');
  }
});
