import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashToken } from '../../../../verifier-server/auth/tokens';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, passwordStep, type TestUser, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, outbox, seedAuthenticator, seededUser } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

/** A user who logged in with "Onthoud deze browser voor 7 dagen" and then logged out. */
async function rememberedBrowser() {
  const { user, auth } = await seededUser(t);
  const { browser } = await loginWithTotp(t, user, auth, { remember: true });
  const token = browser.cookies.get('remember');
  expect(token).toBeDefined();
  await browser.get('/account');
  await browser.post('/logout');
  return { user, auth, browser, token: token ?? '' };
}

async function passwordOnly(browser: TestBrowser, user: TestUser, password = user.password) {
  await browser.get('/login');
  return browser.post('/login', { username: user.username, password });
}

async function failures(user: TestUser) {
  return (await t.ctx.store.getUser(user.id))?.failedAttempts;
}

describe('SECURITY #18: "Onthoud deze browser voor 7 dagen"', () => {
  test('the next login asks only the password', async () => {
    const { user, browser } = await rememberedBrowser();
    const page = await passwordOnly(browser, user);
    expect(page.location).toBe('/account');
    expect((await browser.get('/account')).status).toBe(200);
  });

  test('the password is still required', async () => {
    const { user, browser } = await rememberedBrowser();
    expect((await browser.get('/account')).location).toBe('/login');
    const page = await passwordOnly(browser, user, 'wrong password');
    expect(page.status).toBe(401);
    expect(browser.cookies.has('sid')).toBe(false);
    expect((await browser.get('/account')).location).toBe('/login');
  });

  test('only a hash of the cookie is stored', async () => {
    const { token } = await rememberedBrowser();
    expect(token.length).toBeGreaterThanOrEqual(43); // 256 bits in base64url
    expect(await t.ctx.store.getRememberToken(token)).toBeNull();
    expect(await t.ctx.store.getRememberToken(hashToken(token))).not.toBeNull();
  });

  test('it lasts 7 days from the login that set it, not from the last use', async () => {
    const { user, browser } = await rememberedBrowser();
    t.clock.advance(6 * 24 * 3600);
    expect((await passwordOnly(browser, user)).location).toBe('/account');
    await browser.post('/logout');
    t.clock.advance(24 * 3600 + 1); // 7 days and 1 second after it was set
    const page = await passwordOnly(browser, user);
    expect(page.location).toBe('/login/code');
    // An expired token is simply ignored, not held against the user.
    expect(await failures(user)).toBe(0);
  });

  test('removing an authenticator revokes it', async () => {
    const { user, auth, browser } = await rememberedBrowser();
    await seedAuthenticator(t, user.id, 'Telefoon');
    expect((await passwordOnly(browser, user)).location).toBe('/account');
    await browser.get('/account');
    expect((await browser.post(`/account/authenticators/${auth.id}/remove`)).location).toBe('/account');
    await browser.post('/logout');
    expect((await passwordOnly(browser, user)).location).toBe('/login/code');
  });

  test('changing the password revokes it (and ends the other sessions)', async () => {
    const { user, auth, browser } = await rememberedBrowser();
    const { browser: other } = await loginWithTotp(t, user, auth);
    expect((await passwordOnly(browser, user)).location).toBe('/account');
    await browser.get('/account/password');
    const next = 'a new and long password';
    const changed = await browser.post('/account/password', {
      current: user.password,
      new: next,
      confirm: next,
    });
    expect(changed.location).toBe('/account');
    expect((await browser.get('/account')).status).toBe(200);
    expect((await other.get('/account')).location).toBe('/login');
    await browser.post('/logout');
    expect((await passwordOnly(browser, user, next)).location).toBe('/login/code');
  });

  test('"Vergeet alle browsers" revokes it', async () => {
    const { user, browser } = await rememberedBrowser();
    expect((await passwordOnly(browser, user)).location).toBe('/account');
    await browser.get('/account');
    const forget = await browser.post('/account/forget-browsers');
    expect(forget.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain('Alle onthouden browsers zijn vergeten.');
    await browser.post('/logout');
    expect((await passwordOnly(browser, user)).location).toBe('/login/code');
  });

  // QA finding M3: a remembered browser left logged in stayed logged in after "Vergeet alle browsers".
  test('"Vergeet alle browsers" also signs out the remembered browser still logged in, and every other; not this one', async () => {
    const { user, auth, browser: remembered } = await rememberedBrowser();
    // The remembered PC logs in again with the password only, and stays logged in.
    expect((await passwordOnly(remembered, user)).location).toBe('/account');
    expect((await remembered.get('/account')).status).toBe(200);
    // Another PC logged in with a code, and this one.
    const { browser: elsewhere } = await loginWithTotp(t, user, auth);
    const { browser: here } = await loginWithTotp(t, user, auth);
    const account = await here.get('/account');
    expect(account.body).toContain(
      'Op andere computers en in andere browsers wordt u uitgelogd; hier blijft u ingelogd.',
    );
    expect((await here.post('/account/forget-browsers')).location).toBe('/account');
    const after = await here.get('/account');
    expect(after.status).toBe(200);
    expect(after.body).toContain('Op andere computers en in andere browsers bent u uitgelogd.');
    expect((await remembered.get('/account')).location).toBe('/login');
    expect((await elsewhere.get('/account')).location).toBe('/login');
    // And the remembered PC needs a code again.
    expect((await passwordOnly(remembered, user)).location).toBe('/login/code');
  });

  // Found by an attacker review: a user who suspects a stolen cookie clicks "Vergeet alle browsers";
  // the thief's copy of this very session's cookie went on working, unlike after a password change.
  test('"Vergeet alle browsers" ends a copy of this session’s cookie too; this browser stays logged in', async () => {
    const { user, auth } = await seededUser(t);
    const { browser: victim } = await loginWithTotp(t, user, auth);
    await victim.get('/account');
    const thief = new TestBrowser(t.app, '203.0.113.9');
    for (const [name, value] of victim.cookies) thief.cookies.set(name, value);
    expect((await thief.get('/account')).status).toBe(200);
    expect((await victim.post('/account/forget-browsers')).location).toBe('/account');
    expect((await victim.get('/account')).status).toBe(200);
    expect((await thief.get('/account')).location).toBe('/login');
  });

  test('a forged cookie does not skip the code and counts as a failure', async () => {
    const { user } = await seededUser(t);
    const browser = new TestBrowser(t.app);
    browser.cookies.set('remember', 'A'.repeat(43));
    const page = await passwordOnly(browser, user);
    expect(page.location).toBe('/login/code');
    expect(await failures(user)).toBe(1);
    expect(browser.cookies.has('remember')).toBe(false);
  });

  test('forged cookies in quick succession follow the growing delay: they cannot lock the account', async () => {
    const { user } = await seededUser(t);
    for (let i = 0; i < 12; i++) {
      const browser = new TestBrowser(t.app, `198.51.100.${i + 1}`);
      browser.cookies.set('remember', `${'B'.repeat(40)}${String(i).padStart(3, '0')}`);
      expect((await passwordOnly(browser, user)).location).toBe('/login/code');
    }
    const after = await t.ctx.store.getUser(user.id);
    expect(after?.locked).toBe(false);
    // The first counted; the others came while it still had to wait, like a wrong code would.
    expect(after?.failedAttempts).toBe(1);
    expect(t.logs.filter((l) => l.includes('"remember.forged"'))).toHaveLength(12);
  });

  // SECURITY #30. Found by an attacker review: whoever knows the password could lock the account
  // with ten wrong codes (about 8.5 minutes of waits) and so keep the user out of the workstation
  // they had proven, every hour again.
  test('a remembered browser gets in while a stranger with the password has locked the account', async () => {
    const { user, browser } = await rememberedBrowser();
    for (let i = 0; i < t.ctx.policy.lockAfterFailures; i++) {
      t.clock.advance(301);
      const attacker = new TestBrowser(t.app, '203.0.113.9');
      expect((await passwordOnly(attacker, user)).location).toBe('/login/code');
      await attacker.get('/login/code');
      await attacker.post('/login/code', {
        authenticator: (await t.ctx.store.listAuthenticators(user.id))[0]?.id ?? '',
        code: '000000',
      });
    }
    expect((await t.ctx.store.getUser(user.id))?.locked).toBe(true);
    // The owner is told once, at the lock: someone knows the password.
    const told = (await outbox(t)).filter(
      (m) => m.subject === 'Inloggen met uw authenticator is geblokkeerd',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.to).toBe(user.email);
    expect(told[0]?.body).toContain('Wijzig dan direct uw wachtwoord');
    expect((await passwordOnly(browser, user)).location).toBe('/account');
    expect((await browser.get('/account')).status).toBe(200);
    // The lock stays for every other browser, and the remembered one's login did not lift it.
    const other = new TestBrowser(t.app, '198.51.100.7');
    expect((await passwordOnly(other, user)).location).toBe('/login/code');
    expect((await t.ctx.store.getUser(user.id))?.locked).toBe(true);
  });

  // QA finding M2: on a shared computer a colleague's remember cookie is no forgery.
  test("a colleague's token on a shared computer: B still gives a code, nothing counts against B, A stays remembered", async () => {
    const a = await rememberedBrowser();
    const b = await addUser(t);
    const bAuth = await seedAuthenticator(t, b.id);
    const page = await passwordOnly(a.browser, b);
    expect(page.location).toBe('/login/code');
    expect(await failures(b)).toBe(0);
    expect(await failures(a.user)).toBe(0);
    expect(t.logs.some((l) => l.includes('"remember.forged"'))).toBe(false);
    // B's code is taken at once, with no delay from a counted failure; A's cookie stays.
    await a.browser.get('/login/code');
    const code = await a.browser.post('/login/code', {
      authenticator: bAuth.id,
      code: totp(bAuth.secret, t.clock.now()),
    });
    expect(code.location).toBe('/account');
    expect(a.browser.cookies.get('remember')).toBe(a.token);
    await a.browser.get('/account');
    await a.browser.post('/logout');
    // A's token was left for A: the next login of A on this computer asks only the password.
    expect((await passwordOnly(a.browser, a.user)).location).toBe('/account');
  });

  test("a colleague's expired or revoked token is just cleared, and counts against no one", async () => {
    const a = await rememberedBrowser();
    await t.ctx.store.forgetBrowsers(a.user.id, null);
    const b = await addUser(t);
    await seedAuthenticator(t, b.id);
    expect((await passwordOnly(a.browser, b)).location).toBe('/login/code');
    expect(a.browser.cookies.has('remember')).toBe(false);
    expect(await failures(b)).toBe(0);
    expect(t.logs.some((l) => l.includes('"remember.forged"'))).toBe(false);
  });

  test('without the checkbox no remember cookie is set', async () => {
    const { user, auth } = await seededUser(t);
    const { browser } = await loginWithTotp(t, user, auth);
    expect(browser.cookies.has('remember')).toBe(false);
    await browser.get('/account');
    await browser.post('/logout');
    const { page } = await passwordStep(t, user, browser);
    expect(page.location).toBe('/login/code');
  });
});
