import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, latestCodeFor, passwordStep, type TestUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { browserWithCookies, otherCode, outbox, sid } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

/** Password step done (a user without authenticators lands on the choose page). */
async function atChoose(user: TestUser, browser = new TestBrowser(t.app)) {
  const { page } = await passwordStep(t, user, browser);
  expect(page.location).toBe('/login/fallback');
  return { browser, choose: await browser.get('/login/fallback') };
}

/** Asks for a code by e-mail and returns it as read from the outbox. */
async function requestCode(browser: TestBrowser, user: TestUser, channel: 'email' | 'sms' = 'email') {
  await browser.get('/login/fallback');
  const sent = await browser.post('/login/fallback', { channel });
  expect(sent.location).toBe('/login/fallback/code');
  await browser.get('/login/fallback/code');
  return latestCodeFor(browser, channel === 'email' ? user.email : (user.mobile ?? ''));
}

async function submit(browser: TestBrowser, code: string) {
  return browser.post('/login/fallback/code', { code });
}

describe('SECURITY #19: a code by e-mail or SMS', () => {
  test('a 6-digit code by e-mail logs in; the page names the address only masked', async () => {
    const user = await addUser(t, { username: 'jansen' });
    const { browser, choose } = await atChoose(user);
    expect(choose.body).toContain('j***@praktijk.example');
    expect(choose.body).toContain('+31 *** ** 78');
    expect(choose.body).not.toContain(user.email);
    expect(choose.body).not.toContain('+31612345678');
    const code = await requestCode(browser, user);
    expect(code).toMatch(/^\d{6}$/);
    const codePage = await browser.get('/login/fallback/code');
    expect(codePage.body).toContain('j***@praktijk.example');
    expect(codePage.body).not.toContain(user.email);
    expect((await submit(browser, code)).location).toBe('/account');
    expect((await browser.get('/account')).status).toBe(200);
  });

  test('by SMS the code goes to the mobile number', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user, 'sms');
    const [sms] = await outbox(t);
    expect(sms?.channel).toBe('sms');
    expect(sms?.to).toBe('+31612345678');
    expect((await browser.get('/login/fallback/code')).body).toContain('+31 *** ** 78');
    expect((await submit(browser, code)).location).toBe('/account');
  });

  test('spaces typed in the code are ignored', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    expect((await submit(browser, `${code.slice(0, 3)} ${code.slice(3)}`)).location).toBe('/account');
  });

  test('a code is valid for 10 minutes', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    t.clock.advance(590);
    expect((await submit(browser, code)).location).toBe('/account');
  });

  test('after 10 minutes (601 s) the code itself has expired', async () => {
    // A longer half-logged-in state, so the code's own lifetime is what ends it.
    await t.app.close();
    t = await createTestApp({ policy: { mfaSeconds: 3600 } });
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    t.clock.advance(601);
    const page = await submit(browser, code);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Er is geen geldige code meer');
    expect((await browser.get('/account')).location).toBe('/login/code');
  });

  test('with the default policy the login attempt ends with the code after 10 minutes', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    t.clock.advance(601);
    expect((await submit(browser, code)).location).toBe('/login');
    expect((await browser.get('/account')).location).toBe('/login');
  });

  test('a code is single use: two submissions of it give one login', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    const halfway = sid(browser) ?? '';
    const twin = browserWithCookies(t, Object.fromEntries(browser.cookies));
    twin.csrf = browser.csrf;
    const [a, b] = await Promise.all([submit(browser, code), submit(twin, code)]);
    expect([a.location, b.location].filter((l) => l === '/account')).toHaveLength(1);
    // And the captured half-session cannot use it afterwards either.
    const again = browserWithCookies(t, { ...Object.fromEntries(browser.cookies), sid: halfway });
    again.csrf = browser.csrf;
    expect((await submit(again, code)).location).toBe('/login');
  });

  test("a code is bound to its login attempt: browser 1's code fails in browser 2", async () => {
    const user = await addUser(t);
    const { browser: one } = await atChoose(user);
    const codeOne = await requestCode(one, user);
    const { browser: two } = await atChoose(user);
    const codeTwo = await requestCode(two, user);
    if (codeOne === codeTwo) return; // one chance in a million: nothing to tell apart
    const wrong = await submit(two, codeOne);
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('De code is onjuist of verlopen.');
    t.clock.advance(2);
    expect((await submit(two, codeTwo)).location).toBe('/account');
  });

  test('a resend replaces the old code', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const first = await requestCode(browser, user);
    const second = await requestCode(browser, user);
    if (first === second) return;
    expect((await submit(browser, first)).status).toBe(401);
    t.clock.advance(2);
    expect((await submit(browser, second)).location).toBe('/account');
  });

  test('a wrong code counts in the account throttle', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    const wrong = await submit(browser, otherCode(code));
    expect(wrong.status).toBe(401);
    expect((await t.ctx.store.getUser(user.id))?.failedAttempts).toBe(1);
    const tooSoon = await submit(browser, code);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.body).toContain('Te veel mislukte pogingen');
    t.clock.advance(2);
    expect((await submit(browser, code)).location).toBe('/account');
    expect((await t.ctx.store.getUser(user.id))?.failedAttempts).toBe(0);
  });

  test('five wrong attempts drop the code', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    for (let i = 0; i < 5; i++) {
      expect((await submit(browser, otherCode(code))).status).toBe(401);
      t.clock.advance(20);
    }
    const page = await submit(browser, code);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Er is geen geldige code meer');
    expect((await browser.get('/account')).location).toBe('/login/code');
  });

  test('sends are capped per account per hour, across login attempts', async () => {
    const user = await addUser(t);
    const { browser: one } = await atChoose(user);
    for (let i = 0; i < 3; i++) await requestCode(one, user);
    const { browser: two } = await atChoose(user);
    for (let i = 0; i < 2; i++) await requestCode(two, user);
    const sent = (await outbox(t)).length;
    const sixth = await two.post('/login/fallback', { channel: 'email' });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toContain('maximum aantal codes');
    expect((await outbox(t)).length).toBe(sent);

    // Still within the hour: still refused.
    t.clock.advance(59 * 60);
    const { browser: later } = await atChoose(user);
    expect((await later.post('/login/fallback', { channel: 'email' })).status).toBe(429);
    expect((await outbox(t)).length).toBe(sent);

    t.clock.advance(60 + 1);
    const { browser: three } = await atChoose(user);
    const code = await requestCode(three, user);
    expect((await submit(three, code)).location).toBe('/account');
  });

  test('a user without a mobile number sees that SMS is not possible', async () => {
    const user = await addUser(t, { mobile: null });
    const { browser, choose } = await atChoose(user);
    expect(choose.body).toContain('SMS is niet mogelijk');
    expect(choose.body).not.toContain('value="sms"');
    const sms = await browser.post('/login/fallback', { channel: 'sms' });
    expect(sms.status).toBe(400);
    expect(sms.body).toContain('SMS is niet mogelijk');
    expect(await outbox(t)).toEqual([]);
  });

  test.each(['push', 'EMAIL', '', 'email '])('channel %j is refused with 400', async (channel) => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const page = await browser.post('/login/fallback', { channel });
    expect(page.status).toBe(400);
    expect(page.body).toContain('Kies e-mail of SMS.');
    expect(await outbox(t)).toEqual([]);
  });

  test('no code is ever shown on a page, only in the outbox', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    const page = await browser.get('/login/fallback/code');
    expect(page.body).not.toMatch(new RegExp(`(?<![0-9])${code}(?![0-9])`));
  });
});
