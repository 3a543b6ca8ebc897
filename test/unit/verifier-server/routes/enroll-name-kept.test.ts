import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { manualKeyOf } from '../../../support/manual-key-of';
import type { TestBrowser } from '../../../support/test-browser';
import { addUser, enroll, loginByEmail, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { postRaw, sessionHash } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const NEW = '/account/authenticators/new';
const STEP_2 = '/account/authenticators/new/step-2';
const NAME = 'Chrome plugin behandelkamer 1';
const EXPIRED = 'De QR-code is na 10 minuten verlopen; de authenticator is niet toegevoegd.';
const COOKIE = 'enroll-name';

/** The value step 1's name field shows ('' when empty). */
function nameField(body: string): string {
  const input = /<input[^>]*id="name"[^>]*>/.exec(body)?.[0];
  if (input === undefined) throw new Error('no name field on the page');
  return /value="([^"]*)"/.exec(input)?.[1] ?? '';
}

/** The secret of step 2's page, as typed from #manual-key. */
const secretOf = manualKeyOf;

/** A logged-in user at step 2 of "Voeg authenticator toe" for `name`. */
async function atStep2(name = NAME) {
  const user = await addUser(t);
  const browser = await loginByEmail(t, user);
  await browser.get(NEW);
  expect((await browser.post(NEW, { name })).location).toBe(STEP_2);
  const secret = secretOf((await browser.get(STEP_2)).body);
  return { user, browser, secret };
}

/** Back at step 1 after the QR code expired, by confirming a code too late. */
async function expiredAtStep1(browser: TestBrowser, secret: string) {
  t.clock.advance(t.ctx.policy.enrollmentSeconds + 1);
  const late = await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
  expect(late.location).toBe(NEW);
  return late;
}

describe('the name given at step 1 comes back after an expired QR code', () => {
  test('confirming too late: step 1 says why and shows the name; one click makes a new QR code', async () => {
    const { user, browser, secret } = await atStep2();
    await expiredAtStep1(browser, secret);
    const step1 = await browser.get(NEW);
    expect(step1.status).toBe(200);
    expect(step1.body).toContain(EXPIRED);
    expect(step1.body).toContain('Maak bij stap 1 een nieuwe QR-code met de knop ‘Ga naar stap 2’.');
    expect(nameField(step1.body)).toBe(NAME);
    // A reload shows it still.
    expect(nameField((await browser.get(NEW)).body)).toBe(NAME);

    // "Ga naar stap 2" with the name as shown: a new QR code for the same name, which works.
    expect((await browser.post(NEW, { name: nameField(step1.body) })).location).toBe(STEP_2);
    const fresh = secretOf((await browser.get(STEP_2)).body);
    expect(fresh).not.toBe(secret);
    expect((await browser.post(STEP_2, { code: totp(fresh, t.clock.now()) })).location).toBe('/account');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([NAME]);
    // Added: the next "Voeg authenticator toe" starts empty.
    expect(browser.cookies.has(COOKIE)).toBe(false);
    expect(nameField((await browser.get(NEW)).body)).toBe('');
  });

  test('logging out removes the kept name from the browser (a shared PC)', async () => {
    const { browser, secret } = await atStep2();
    await expiredAtStep1(browser, secret);
    expect(browser.cookies.has(COOKIE)).toBe(true);
    await browser.get('/account');
    expect((await browser.post('/logout', {})).location).toBe('/login');
    expect(browser.cookies.has(COOKIE)).toBe(false);
  });

  test('opening step 2 too late: the same', async () => {
    const { browser } = await atStep2();
    t.clock.advance(t.ctx.policy.enrollmentSeconds + 1);
    const step2 = await browser.get(STEP_2);
    expect(step2.location).toBe(NEW);
    const step1 = await browser.get(NEW);
    expect(step1.body).toContain(EXPIRED);
    expect(nameField(step1.body)).toBe(NAME);
  });

  test('expired after the recent login ran out too: after the password, step 1 shows the name', async () => {
    const { user, browser, secret } = await atStep2();
    t.clock.advance(16 * 60);
    // Step 2 asks for the password first (a recent login, as step 1), then finds the code expired.
    const asked = await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
    expect(asked.location).toBe(`/account/reauth?next=${encodeURIComponent(STEP_2)}`);
    await browser.get(asked.location ?? '');
    const ok = await browser.post('/account/reauth', { password: user.password, next: STEP_2 });
    expect(ok.location).toBe(STEP_2);
    expect((await browser.get(STEP_2)).location).toBe(NEW);
    const step1 = await browser.get(NEW);
    expect(step1.body).toContain(EXPIRED);
    expect(nameField(step1.body)).toBe(NAME);
  });

  test('the password asked again when step 1 was sent: the name typed comes back, never in the address', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get(NEW);
    t.clock.advance(16 * 60);
    const asked = await browser.post(NEW, { name: NAME });
    expect(asked.location).toBe(`/account/reauth?next=${encodeURIComponent(NEW)}`);
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();
    await browser.get(asked.location ?? '');
    const ok = await browser.post('/account/reauth', { password: user.password, next: NEW });
    expect(ok.location).toBe(NEW);
    expect(nameField((await browser.get(NEW)).body)).toBe(NAME);
  });

  test('the name is judged again: taken meanwhile (another browser), it is refused when sent', async () => {
    const { user, browser, secret } = await atStep2();
    await expiredAtStep1(browser, secret);
    await enroll(t, await loginByEmail(t, user), user, NAME.toUpperCase());
    const step1 = await browser.get(NEW);
    expect(nameField(step1.body)).toBe(NAME);
    const sent = await browser.post(NEW, { name: nameField(step1.body) });
    expect(sent.status).toBe(400);
    expect(sent.body).toContain(`U heeft al een authenticator met de naam ‘${NAME}’`);
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();
  });
});

describe('nobody else can put a name in step 1', () => {
  test('a crafted link, a form without the token or an unsigned cookie shows no name', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const linked = await browser.get(`${NEW}?name=${encodeURIComponent('Evil')}`);
    expect(linked.status).toBe(200);
    expect(nameField(linked.body)).toBe('');
    // A form from another site carries no valid token: refused, and nothing kept.
    const crafted = await postRaw(t, browser, NEW, { name: 'Evil' }, 'forged');
    expect(crafted.statusCode).toBe(403);
    expect(crafted.cookies.map((c) => c.name)).not.toContain(COOKIE);
    expect(nameField((await browser.get(NEW)).body)).toBe('');
    // A cookie set from elsewhere (a sibling domain) carries no valid signature.
    const [selector] = sessionHash(browser).split('.');
    browser.cookies.set(COOKIE, encodeURIComponent(`${selector}|Evil`));
    const forged = await browser.get(NEW);
    expect(nameField(forged.body)).toBe('');
    expect(forged.body).not.toContain('Evil');
    // Only the user's own step 1 keeps a name.
    expect((await browser.post(NEW, { name: 'Balie' })).location).toBe(STEP_2);
    expect(nameField((await browser.get(NEW)).body)).toBe('Balie');
  });

  test('a name signed for this session but with an invisible character is not shown', async () => {
    const browser = await loginByEmail(t, await addUser(t));
    const [selector] = sessionHash(browser).split('.');
    const signed = (name: string) => encodeURIComponent(t.app.signCookie(`${selector}|${name}`));
    browser.cookies.set(COOKIE, signed('Chrome plugin balie\u200b'));
    expect(nameField((await browser.get(NEW)).body)).toBe('');
    browser.cookies.set(COOKIE, signed('Chrome plugin balie'));
    expect(nameField((await browser.get(NEW)).body)).toBe('Chrome plugin balie');
  });

  test('the next user at the same computer does not see the name', async () => {
    const { browser, secret } = await atStep2('Laptop spreekkamer');
    await expiredAtStep1(browser, secret);
    expect(nameField((await browser.get(NEW)).body)).toBe('Laptop spreekkamer');
    await browser.get('/account');
    await browser.post('/logout');
    await loginByEmail(t, await addUser(t), browser);
    const step1 = await browser.get(NEW);
    expect(nameField(step1.body)).toBe('');
    expect(step1.body).not.toContain('Laptop spreekkamer');
  });

  test("a name kept in an attacker's own session shows in no other browser", async () => {
    const { browser: attacker } = await atStep2('Evil');
    expect(nameField((await attacker.get(NEW)).body)).toBe('Evil');
    const kept = attacker.cookies.get(COOKIE);
    expect(kept).toBeDefined();
    const victim = await loginByEmail(t, await addUser(t));
    // Planted in the victim's browser (a sibling host can set cookies for the portal's domain).
    victim.cookies.set(COOKIE, kept ?? '');
    const step1 = await victim.get(NEW);
    expect(nameField(step1.body)).toBe('');
    expect(step1.body).not.toContain('Evil');
  });
});
