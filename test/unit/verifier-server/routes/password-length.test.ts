import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { MAX_PASSWORD } from '../../../../verifier-server/account/password-policy';
import { TestBrowser } from '../../../support/test-browser';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, seededUser } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

async function changePassword(next: string) {
  const { user, auth } = await seededUser(t);
  const { browser } = await loginWithTotp(t, user, auth);
  await browser.get('/account/password');
  const answer = await browser.post('/account/password', {
    current: user.password,
    new: next,
    confirm: next,
  });
  return { user, browser, answer };
}

describe('password length is counted in characters, as the user sees them', () => {
  test(`a new password of ${MAX_PASSWORD} emoji (twice as many UTF-16 units) is accepted and logs in`, async () => {
    const next = '🔑'.repeat(MAX_PASSWORD);
    const { user, browser, answer } = await changePassword(next);
    expect(answer.location).toBe('/account');
    await browser.post('/logout');
    await browser.get('/login');
    const login = await browser.post('/login', { username: user.username, password: next });
    expect(login.location).toBe('/login/code');
  });

  test('a pasted new password far over the limit gets the limit, not a "bad form" page', async () => {
    const { answer } = await changePassword('x'.repeat(3 * MAX_PASSWORD));
    expect(answer.status).toBe(400);
    expect(answer.body).toContain(`Het nieuwe wachtwoord mag maximaal ${MAX_PASSWORD} tekens lang zijn.`);
    expect(answer.body).not.toContain('Het formulier is onvolledig');
  });
});

/** Each password field's `maxlength` on the page (undefined: none), in document order. */
function passwordFieldLimits(body: string): Array<number | undefined> {
  return [...body.matchAll(/<input[^>]*type="password"[^>]*>/g)].map((m) => {
    const limit = /maxlength="(\d+)"/i.exec(m[0])?.[1];
    return limit === undefined ? undefined : Number(limit);
  });
}

/** What a browser lets through a field: at most `maxlength` UTF-16 units. */
const typedInto = (limit: number | undefined, text: string) =>
  limit === undefined ? text : text.slice(0, limit);

describe('every password field has a maxlength that fits every password the server accepts', () => {
  const longest = '🔑'.repeat(MAX_PASSWORD);

  test('login, "Bevestig uw wachtwoord" and "Wijzig wachtwoord" each limit their password fields', async () => {
    const { user, auth } = await seededUser(t);
    const { browser } = await loginWithTotp(t, user, auth);
    const pages = {
      login: (await new TestBrowser(t.app).get('/login')).body,
      reauth: (await browser.get('/account/reauth?next=/account')).body,
      password: (await browser.get('/account/password')).body,
    };
    expect(passwordFieldLimits(pages.login)).toHaveLength(1);
    expect(passwordFieldLimits(pages.reauth)).toHaveLength(1);
    expect(passwordFieldLimits(pages.password)).toHaveLength(3);
    for (const [name, body] of Object.entries(pages))
      for (const limit of passwordFieldLimits(body)) {
        expect(limit, name).toBeDefined();
        // No shorter than the longest password in UTF-16 units, and no longer than needed for it.
        expect(limit, name).toBe(longest.length);
      }
  });

  test(`a password of ${MAX_PASSWORD} emoji, typed into the login field as a browser limits it, logs in`, async () => {
    const { answer, user } = await changePassword(longest);
    expect(answer.location).toBe('/account');
    const browser = new TestBrowser(t.app);
    const [limit] = passwordFieldLimits((await browser.get('/login')).body);
    const login = await browser.post('/login', {
      username: user.username,
      password: typedInto(limit, longest),
    });
    expect(login.location).toBe('/login/code');
  });
});
