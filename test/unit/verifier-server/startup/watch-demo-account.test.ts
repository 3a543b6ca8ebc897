import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PasswordHasher } from '../../../../verifier-server/auth/password-hasher';
import { DEMO, seedDemo } from '../../../../verifier-server/seed/seed-demo';
import { watchDemoAccount } from '../../../../verifier-server/startup/watch-demo-account';
import { TestBrowser } from '../../../support/test-browser';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, seedAuthenticator, userWithAuthenticator } from '../routes/route-test-helpers';

/**
 * "Anyone can log in as demo/demo" is said on every page only while it is true: a password
 * changed in the portal ends it on the next page, one changed elsewhere (another instance,
 * `set-password`) within the watch interval. On SQLite (`unit`) and PostgreSQL (`unit-pg`).
 */

let t: TestApp;
const INTERVAL = 20;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const showsNotice = async () =>
  (await new TestBrowser(t.app).get('/login')).body.includes('id="demo-notice"');

beforeEach(async () => {
  t = await createTestApp();
  await seedDemo(t.ctx.store, t.ctx.passwords);
  t.app.demoNotice = true;
});
afterEach(async () => {
  await t.app.close();
});

describe('the demo notice', () => {
  test('ends on the next page once the demo user changes its password in the portal', async () => {
    const demo = await t.ctx.store.findUserByName(DEMO.username);
    if (demo === null) throw new Error('no demo user');
    const auth = await seedAuthenticator(t, demo.id);
    const { browser } = await loginWithTotp(t, { ...demo, password: DEMO.password }, auth);
    expect((await browser.get('/account')).body).toContain('id="demo-notice"');
    const changed = await browser.post('/account/password', {
      current: DEMO.password,
      new: 'een nieuw wachtwoord',
      confirm: 'een nieuw wachtwoord',
    });
    expect(changed.location).toBe('/account');
    const account = await browser.get('/account');
    expect(account.body).toContain('Uw wachtwoord is gewijzigd');
    expect(account.body).not.toContain('demo-notice');
    expect(await showsNotice()).toBe(false);
  });

  test("another user's password change in the portal leaves it", async () => {
    const { user, browser } = await userWithAuthenticator(t);
    const changed = await browser.post('/account/password', {
      current: user.password,
      new: 'een nieuw wachtwoord',
      confirm: 'een nieuw wachtwoord',
    });
    expect(changed.location).toBe('/account');
    expect(await showsNotice()).toBe(true);
  });

  test('ends within the interval once the password changed elsewhere; an idle demo is hashed once', async () => {
    let verified = 0;
    const counting: Pick<PasswordHasher, 'verify'> = {
      verify: (...args) => {
        verified++;
        return t.ctx.passwords.verify(...args);
      },
    };
    watchDemoAccount(t.app, t.ctx.store, counting, INTERVAL);
    await sleep(INTERVAL * 10);
    expect(await showsNotice()).toBe(true);
    expect(verified).toBe(1);

    const demo = await t.ctx.store.findUserByName(DEMO.username);
    await t.ctx.store.changePassword(demo?.id ?? 0, await t.ctx.passwords.hash('set by the CLI'), null);
    const deadline = Date.now() + 5_000;
    while ((await showsNotice()) && Date.now() < deadline) await sleep(INTERVAL);
    expect(await showsNotice()).toBe(false);
    expect(verified).toBe(2);
  });

  test('a store that cannot be read changes nothing', async () => {
    const failing = {
      findUserByName: async () => {
        throw new Error('database unavailable');
      },
    };
    watchDemoAccount(t.app, failing, t.ctx.passwords, INTERVAL);
    await sleep(INTERVAL * 5);
    expect(await showsNotice()).toBe(true);
  });
});
