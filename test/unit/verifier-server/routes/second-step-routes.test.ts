import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { atSecondStep, submitCode, userWithAuthenticators, wrongCode } from '../auth/second-step-fixtures';

/** "Kies uw authenticator:" as a user meets it: which one is chosen, and what a refusal says. */

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const NAMES = ['Chrome plugin balie', 'iPhone authenticator', 'Chrome plugin behandelkamer 1'];

/** The names of the options marked selected on a page (a select shows one). */
function selectedNames(body: string): string[] {
  return [...body.matchAll(/<option [^>]*\bselected\b[^>]*>([^<]*)<\/option>/g)].map((m) => m[1] ?? '');
}

async function logInWith(browser: TestBrowser, a: { id: string; secret: string }) {
  const done = await submitCode(browser, a.id, totp(a.secret, t.clock.now()));
  expect(done.location).toBe('/account');
  await browser.post('/logout');
}

describe('the authenticator chosen on /login/code (review finding 2)', () => {
  test('none used yet: the first added; after a login, the one that logged in last', async () => {
    const { user, authenticators } = await userWithAuthenticators(t, NAMES);
    const [balie, iphone, kamer] = authenticators;
    if (!balie || !iphone || !kamer) throw new Error('three authenticators');
    t.clock.advance(30);
    const first = await atSecondStep(t, user);
    expect(selectedNames((await first.get('/login/code')).body)).toEqual(['Chrome plugin balie']);

    await logInWith(first, iphone);
    t.clock.advance(30);
    const second = await atSecondStep(t, user);
    expect(selectedNames((await second.get('/login/code')).body)).toEqual(['iPhone authenticator']);

    await logInWith(second, kamer);
    t.clock.advance(30);
    const third = await atSecondStep(t, user);
    expect(selectedNames((await third.get('/login/code')).body)).toEqual(['Chrome plugin behandelkamer 1']);
  });

  test('a refused code keeps the choice the user made; an unknown id shows the likely one', async () => {
    const { user, authenticators } = await userWithAuthenticators(t, NAMES);
    const [balie, iphone] = authenticators;
    if (!balie || !iphone) throw new Error('two authenticators');
    t.clock.advance(30);
    const first = await atSecondStep(t, user);
    await logInWith(first, iphone);
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    // The iPhone's code, typed with "Chrome plugin balie" chosen: the most likely mistake.
    const refused = await submitCode(browser, balie.id, totp(iphone.secret, t.clock.now()));
    expect(refused.status).toBe(401);
    expect(selectedNames(refused.body)).toEqual(['Chrome plugin balie']);

    t.clock.advance(5);
    const unknown = await submitCode(browser, 'not-an-authenticator', wrongCode());
    expect(unknown.status).toBe(400);
    expect(selectedNames(unknown.body)).toEqual(['iPhone authenticator']);
  });

  test('a wrong code says to check which authenticator is chosen, in Dutch and in English', async () => {
    const { user, authenticators } = await userWithAuthenticators(t, NAMES);
    const [balie, iphone] = authenticators;
    if (!balie || !iphone) throw new Error('two authenticators');
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const refused = await submitCode(browser, balie.id, totp(iphone.secret, t.clock.now()));
    expect(refused.status).toBe(401);
    expect(refused.body).toContain(
      '<p class="alert" role="alert" id="form-error">De code is onjuist of al gebruikt. Controleer bij ‘Kies uw authenticator’ of u de authenticator heeft gekozen waarvan u de code overneemt, en vul de code in die die authenticator nu toont.</p>',
    );
    expect(refused.body).not.toContain('Wacht op de volgende code');

    t.clock.advance(5);
    const english = await browser.post(
      '/login/code',
      { authenticator: balie.id, code: totp(iphone.secret, t.clock.now()) },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(401);
    expect(english.body).toContain(
      'The code is incorrect or already used. Check under ‘Choose your authenticator’ that you chose the authenticator whose code you are copying, and enter the code that authenticator shows now.',
    );
  });
});

describe('a wrong code with one authenticator', () => {
  test('no advice to check the chosen authenticator, when there is nothing to choose; in Dutch and in English', async () => {
    const { user, authenticators } = await userWithAuthenticators(t, ['Chrome plugin balie']);
    const [a] = authenticators;
    if (!a) throw new Error('one authenticator');
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    // Valid now and 5 seconds later (the second try).
    const valid = [-2, -1, 0, 1, 2].map((o) => totp(a.secret, t.clock.now(), o));
    const refused = await submitCode(browser, a.id, wrongCode(...valid));
    expect(refused.status).toBe(401);
    expect(refused.body).toContain(
      '<p class="alert" role="alert" id="form-error">De code is onjuist of al gebruikt. Vul de code in die uw authenticator nu toont.</p>',
    );
    expect(refused.body).not.toContain('Controleer bij');

    t.clock.advance(5);
    const english = await browser.post(
      '/login/code',
      { authenticator: a.id, code: wrongCode(...valid) },
      { 'accept-language': 'en' },
    );
    expect(english.status).toBe(401);
    expect(english.body).toContain(
      'The code is incorrect or already used. Enter the code your authenticator shows now.',
    );
    expect(english.body).not.toContain('Check that');
  });
});

describe('the wait after a wrong code (review finding 3)', () => {
  test('one wrong code, then another at once: "Wacht nog 1 seconde", not "Te veel mislukte pogingen"', async () => {
    const { user, authenticators } = await userWithAuthenticators(t, ['Chrome plugin balie']);
    const [a] = authenticators;
    if (!a) throw new Error('one authenticator');
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const valid = [-1, 0, 1].map((o) => totp(a.secret, t.clock.now(), o));
    expect((await submitCode(browser, a.id, wrongCode(...valid))).status).toBe(401);

    const waiting = await submitCode(browser, a.id, totp(a.secret, t.clock.now()));
    expect(waiting.status).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    expect(waiting.body).toContain(
      '<p class="alert" role="alert" id="form-error">Wacht nog 1 seconde en vul de code dan opnieuw in. Na elke onjuiste code duurt het wachten langer.</p>',
    );
    expect(waiting.body).not.toContain('Te veel');
    expect(waiting.body).not.toContain('1 seconden');

    const english = await browser.post(
      '/login/code',
      { authenticator: a.id, code: totp(a.secret, t.clock.now()) },
      { 'accept-language': 'en' },
    );
    expect(english.body).toContain(
      'Wait 1 more second, then enter the code again. Each wrong code makes the wait longer.',
    );

    // A second wrong code: the wait is 2 seconds.
    t.clock.advance(1);
    expect((await submitCode(browser, a.id, wrongCode(...valid))).status).toBe(401);
    const longer = await submitCode(browser, a.id, totp(a.secret, t.clock.now()));
    expect(longer.body).toContain('Wacht nog 2 seconden en vul de code dan opnieuw in.');
    const longerEnglish = await browser.post(
      '/login/code',
      { authenticator: a.id, code: totp(a.secret, t.clock.now()) },
      { 'accept-language': 'en' },
    );
    expect(longerEnglish.body).toContain('Wait 2 more seconds, then enter the code again.');
  });
});

describe('the wait after wrong passwords', () => {
  test('"over 1 seconde" in Dutch and "in 1 second" in English', async () => {
    const user = await addUser(t);
    const login = async (password: string, headers: Record<string, string> = {}) => {
      const browser = new TestBrowser(t.app);
      await browser.get('/login');
      return browser.post('/login', { username: user.username, password }, headers);
    };
    for (let i = 0; i < 6; i++) expect((await login('wrong')).status).toBe(401);
    const dutch = await login(user.password);
    expect(dutch.status).toBe(429);
    expect(dutch.body).toContain('Te veel mislukte inlogpogingen. Probeer het over 1 seconde opnieuw.');
    const english = await login(user.password, { 'accept-language': 'en' });
    expect(english.status).toBe(429);
    expect(english.body).toContain('Too many failed login attempts. Try again in 1 second.');
  });
});
