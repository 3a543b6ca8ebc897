/**
 * A password change ends the user's other sessions (SECURITY #18) and, with them, their pending
 * enrollments (SECURITY #17; found by an attacker review): a QR code shown to a session that ended
 * is neither shown again nor confirmed, not by its cookie afterwards and not by a request of that
 * session already past its session check when the change lands.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { manualKeyOf } from '../../../support/manual-key-of';
import type { TestBrowser } from '../../../support/test-browser';
import { addUser, loginByEmail, type TestUser, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { browserWithCookies } from './route-test-helpers';

const NEW = '/account/authenticators/new';
const STEP_2 = '/account/authenticators/new/step-2';
const NEW_PASSWORD = 'een heel nieuw wachtwoord';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

/** Whether a page shows a secret: the manual key, or the QR code (of the otpauth URI). */
const showsSecret = (html: string) => html.includes('id="manual-key"') || html.includes('id="qr-code"');

/** User logged in twice: session A starts an enrollment (returns its secret), session B is elsewhere. */
async function enrollingInA() {
  const user = await addUser(t);
  const a = await loginByEmail(t, user);
  const b = await loginByEmail(t, user);
  await a.get(NEW);
  expect((await a.post(NEW, { name: 'Chrome plugin balie' })).location).toBe(STEP_2);
  const step2 = await a.get(STEP_2);
  expect(showsSecret(step2.body)).toBe(true);
  const secret = manualKeyOf(step2.body);
  const enrollment = /name="enrollment" value="([^"]+)"/.exec(step2.body)?.[1] ?? '';
  // A copy of A's cookie, taken while A was logged in.
  const copy = browserWithCookies(t, Object.fromEntries(a.cookies));
  copy.csrf = a.csrf;
  return { user, a, b, secret, enrollment, copy };
}

async function changePassword(browser: TestBrowser, user: TestUser) {
  await browser.get('/account/password');
  const changed = await browser.post('/account/password', {
    current: user.password,
    new: NEW_PASSWORD,
    confirm: NEW_PASSWORD,
  });
  expect(changed.location).toBe('/account');
}

describe('SECURITY #17, #18: a pending enrollment ends with its session on a password change', () => {
  test("after the change in session B, session A's cookie (or a copy) cannot read or confirm it", async () => {
    const { user, a, b, secret, enrollment, copy } = await enrollingInA();
    await changePassword(b, user);

    for (const browser of [a, copy]) {
      const page = await browser.get(STEP_2);
      expect(page.location).toBe('/login');
      expect(showsSecret(page.body)).toBe(false);
      const confirm = await browser.post(STEP_2, { code: totp(secret, t.clock.now()), enrollment });
      expect(confirm.location).toBe('/login');
    }
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
  });

  test("a confirmation of session A under way when B's change lands adds nothing", async () => {
    const { user, a, b, secret, enrollment } = await enrollingInA();
    // A's "Opslaan" has passed its session check and its code is right; the change lands just before
    // the store confirms.
    const store = t.ctx.store;
    const confirm = store.confirmEnrollment.bind(store);
    store.confirmEnrollment = async (...args) => {
      store.confirmEnrollment = confirm;
      await changePassword(b, user);
      return confirm(...args);
    };
    const answer = await a.post(STEP_2, { code: totp(secret, t.clock.now()), enrollment });
    expect(answer.location).not.toBe('/account');
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
    expect((await a.get('/account')).location).toBe('/login');
  });

  test("a step-2 page of session A under way when B's change lands shows no secret", async () => {
    const { user, a, b } = await enrollingInA();
    const store = t.ctx.store;
    const read = store.getPendingEnrollment.bind(store);
    store.getPendingEnrollment = async (...args) => {
      store.getPendingEnrollment = read;
      await changePassword(b, user);
      return read(...args);
    };
    const page = await a.get(STEP_2);
    expect(showsSecret(page.body)).toBe(false);
  });

  test('the session that changed the password keeps its own pending enrollment', async () => {
    const user = await addUser(t);
    const a = await loginByEmail(t, user);
    await a.get(NEW);
    await a.post(NEW, { name: 'Chrome plugin balie' });
    const secret = manualKeyOf((await a.get(STEP_2)).body);
    await changePassword(a, user);
    const again = await a.get(STEP_2);
    expect(again.status).toBe(200);
    expect(manualKeyOf(again.body)).toBe(secret);
    expect((await a.post(STEP_2, { code: totp(secret, t.clock.now()) })).location).toBe('/account');
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });
});
