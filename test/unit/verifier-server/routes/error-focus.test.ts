import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { manualKeyOf } from '../../../support/manual-key-of';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, loginByEmail, passwordStep, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { atSecondStep, submitCode, userWithAuthenticators, wrongCode } from '../auth/second-step-fixtures';
import { otherCode, userWithAuthenticator } from './route-test-helpers';

/**
 * After an error the focus is back in the field it is about, and the field names the error
 * (aria-describedby → the alert, aria-invalid when what was typed was refused): review finding 7.
 */

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const NEW = '/account/authenticators/new';
const STEP_2 = '/account/authenticators/new/step-2';

/** The attributes of the `<input id="…">` on a page. */
function input(body: string, id: string) {
  const tag = new RegExp(`<input [^>]*\\bid="${id}"[^>]*>`).exec(body)?.[0];
  if (!tag) throw new Error(`no input #${id} on the page`);
  const attr = (name: string) => new RegExp(`\\s${name}(?:="([^"]*)")?[\\s/>]`).exec(tag);
  return {
    autofocus: attr('autofocus') !== null,
    describedBy: attr('aria-describedby')?.[1],
    invalid: attr('aria-invalid')?.[1],
  };
}

/** The alert the fields point to. */
const ALERT = /<p class="alert" role="alert" id="form-error">/;

describe('"Voeg authenticator toe", step 2: a wrong code', () => {
  async function atStep2() {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get(NEW);
    expect((await browser.post(NEW, { name: 'Chrome plugin balie' })).location).toBe(STEP_2);
    const page = await browser.get(STEP_2);
    return { browser, page, secret: manualKeyOf(page.body) };
  }

  test('puts the focus back in the code field, marked invalid and described by the error', async () => {
    const { browser, page, secret } = await atStep2();
    // Before any error the page starts at the top (the QR code), not in the field.
    // Described by what to type, as at login (found by an accessibility review).
    expect(input(page.body, 'code')).toEqual({
      autofocus: false,
      describedBy: 'code-hint',
      invalid: undefined,
    });
    expect(page.body).toContain(
      '<p class="hint" id="code-hint">De 6 cijfers die uw authenticator nu toont.</p>',
    );

    const wrong = await browser.post(STEP_2, { code: otherCode(totp(secret, t.clock.now())) });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatch(ALERT);
    expect(input(wrong.body, 'code')).toEqual({
      autofocus: true,
      describedBy: 'form-error code-hint',
      invalid: 'true',
    });

    const format = await browser.post(STEP_2, { code: '12' });
    expect(format.status).toBe(400);
    expect(input(format.body, 'code')).toEqual({
      autofocus: true,
      describedBy: 'form-error code-hint',
      invalid: 'true',
    });
  });
});

describe('"Voeg authenticator toe", step 1: a refused name', () => {
  test('the name field is marked invalid and described by the error and its hint', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const page = await browser.get(NEW);
    expect(input(page.body, 'name')).toEqual({
      autofocus: true,
      describedBy: 'name-hint',
      invalid: undefined,
    });
    const empty = await browser.post(NEW, { name: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatch(ALERT);
    expect(input(empty.body, 'name')).toEqual({
      autofocus: true,
      describedBy: 'form-error name-hint',
      invalid: 'true',
    });
  });
});

describe('the login page', () => {
  test('a refused password: focus in the password field; both fields marked and described', async () => {
    const user = await addUser(t);
    const browser = new TestBrowser(t.app);
    const page = await browser.get('/login');
    expect(input(page.body, 'username')).toEqual({
      autofocus: true,
      describedBy: undefined,
      invalid: undefined,
    });
    const wrong = await browser.post('/login', { username: user.username, password: 'wrong' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatch(ALERT);
    expect(input(wrong.body, 'username')).toEqual({
      autofocus: false,
      describedBy: 'form-error',
      invalid: 'true',
    });
    expect(input(wrong.body, 'password')).toEqual({
      autofocus: true,
      describedBy: 'form-error',
      invalid: 'true',
    });
  });

  test('a wait is described but marks nothing invalid: nothing was checked', async () => {
    const user = await addUser(t);
    for (let i = 0; i < 6; i++) await passwordStep(t, { ...user, password: 'wrong' });
    const { page } = await passwordStep(t, user);
    expect(page.status).toBe(429);
    expect(input(page.body, 'password')).toEqual({
      autofocus: true,
      describedBy: 'form-error',
      invalid: undefined,
    });
  });
});

describe('the code pages of the login', () => {
  test('"Authenticator code:" is marked invalid after a wrong code, not during a wait', async () => {
    const { user, authenticators } = await userWithAuthenticators(t);
    const [a] = authenticators;
    if (!a) throw new Error('one authenticator');
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const valid = [-1, 0, 1].map((o) => totp(a.secret, t.clock.now(), o));
    const wrong = await submitCode(browser, a.id, wrongCode(...valid));
    expect(wrong.status).toBe(401);
    expect(input(wrong.body, 'code')).toEqual({
      autofocus: true,
      describedBy: 'form-error code-hint',
      invalid: 'true',
    });
    const waiting = await submitCode(browser, a.id, totp(a.secret, t.clock.now()));
    expect(waiting.status).toBe(429);
    expect(input(waiting.body, 'code').invalid).toBeUndefined();
  });

  test('"Code:" of the code by e-mail names the error and is marked invalid after a wrong code', async () => {
    const user = await addUser(t);
    const { browser } = await passwordStep(t, user);
    await browser.get('/login/fallback');
    await browser.post('/login/fallback', { channel: 'email' });
    const form = await browser.get('/login/fallback/code');
    expect(input(form.body, 'code')).toEqual({ autofocus: true, describedBy: undefined, invalid: undefined });
    const wrong = await browser.post('/login/fallback/code', { code: '12' });
    expect(wrong.status).toBe(400);
    expect(input(wrong.body, 'code')).toEqual({
      autofocus: true,
      describedBy: 'form-error',
      invalid: 'true',
    });
  });
});

describe('"Mijn gegevens"', () => {
  test('a refused mobile number: the field has the focus, marked and described by the error', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    expect(input((await browser.get('/account')).body, 'mobile')).toEqual({
      autofocus: false,
      describedBy: undefined,
      invalid: undefined,
    });
    const page = await browser.post('/account/mobile', { mobile: 'abc' });
    expect(page.status).toBe(400);
    expect(page.body).toMatch(ALERT);
    expect(input(page.body, 'mobile')).toEqual({
      autofocus: true,
      describedBy: 'form-error',
      invalid: 'true',
    });
  });

  test('a refused rename: its form is open again with the name typed, focused, marked and described', async () => {
    const { browser, auth } = await userWithAuthenticator(t, {}, 'Chrome plugin balie');
    const field = `rename-${auth.id}`;
    const before = await browser.get('/account');
    expect(input(before.body, field)).toEqual({
      autofocus: false,
      describedBy: undefined,
      invalid: undefined,
    });
    expect(before.body).not.toMatch(/<details open/);
    // An invisible character: refused across the redirect to "Mijn gegevens".
    const typed = 'Balie\u200b 2';
    expect((await browser.post(`/account/authenticators/${auth.id}/rename`, { name: typed })).location).toBe(
      '/account',
    );
    const after = await browser.get('/account');
    expect(after.body).toMatch(/<p id="notice" class="alert" role="alert">/);
    expect(after.body).toMatch(/<details open/);
    expect(input(after.body, field)).toEqual({ autofocus: true, describedBy: 'notice', invalid: 'true' });
    expect(new RegExp(`<input [^>]*id="${field}"[^>]*value="([^"]*)"`).exec(after.body)?.[1]).toBe(typed);
    // Once: the next visit shows the saved name, closed.
    const again = await browser.get('/account');
    expect(again.body).not.toMatch(/<details open/);
    expect(input(again.body, field).invalid).toBeUndefined();
  });

  test('the rename and remove controls name their authenticator', async () => {
    const { browser } = await userWithAuthenticator(t, {}, 'Chrome plugin balie');
    const { body } = await browser.get('/account');
    expect(body).toContain(
      '<summary aria-label="Naam wijzigen: Chrome plugin balie">Naam wijzigen</summary>',
    );
    expect(body).toMatch(
      /<a href="[^"]+\/remove" aria-label="Verwijderen: Chrome plugin balie">Verwijderen<\/a>/,
    );
  });
});

describe('"Wachtwoord wijzigen"', () => {
  test('every field comes back empty: the focus starts at the first, and the field at fault is marked; a wait marks nothing', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const page = await browser.get('/account/password');
    expect(input(page.body, 'current')).toEqual({
      autofocus: true,
      describedBy: undefined,
      invalid: undefined,
    });
    expect(input(page.body, 'new')).toEqual({
      autofocus: false,
      describedBy: 'new-hint',
      invalid: undefined,
    });

    const long = 'een lang nieuw wachtwoord';
    const mismatch = await browser.post('/account/password', {
      current: user.password,
      new: long,
      confirm: `${long}!`,
    });
    expect(mismatch.status).toBe(400);
    expect(input(mismatch.body, 'current')).toEqual({
      autofocus: true,
      describedBy: 'form-error',
      invalid: undefined,
    });
    expect(input(mismatch.body, 'confirm')).toEqual({
      autofocus: false,
      describedBy: 'form-error',
      invalid: 'true',
    });
    expect(input(mismatch.body, 'new')).toEqual({
      autofocus: false,
      describedBy: 'new-hint',
      invalid: undefined,
    });

    const short = await browser.post('/account/password', {
      current: user.password,
      new: 'kort',
      confirm: 'kort',
    });
    expect(input(short.body, 'new')).toEqual({
      autofocus: false,
      describedBy: 'form-error new-hint',
      invalid: 'true',
    });

    const wrong = await browser.post('/account/password', {
      current: 'niet het wachtwoord',
      new: long,
      confirm: long,
    });
    expect(wrong.status).toBe(401);
    expect(input(wrong.body, 'current')).toEqual({
      autofocus: true,
      describedBy: 'form-error',
      invalid: 'true',
    });
    expect(input(wrong.body, 'confirm').invalid).toBeUndefined();
  });
});
