import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, latestCodeFor, passwordStep, type TestUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { browserWithCookies, otherCode, outbox, seededUser, sid } from './route-test-helpers';

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
    expect(wrong.body).toContain('De code is onjuist of verlopen. Gebruik de code uit het laatste bericht.');
    t.clock.advance(2);
    expect((await submit(two, codeTwo)).location).toBe('/account');
  });

  test('a resend replaces the old code; the pages say that only the most recent one works', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const first = await requestCode(browser, user);
    const second = await requestCode(browser, user);
    const form = await browser.get('/login/fallback/code');
    expect(form.body).toContain(
      'Wij hebben een code gestuurd naar u***@praktijk.example. De code is 10 minuten geldig. Alleen de laatst verstuurde code werkt.',
    );
    const english = await browser.get('/login/fallback/code', { 'accept-language': 'en' });
    expect(english.body).toContain(
      'We sent a code to u***@praktijk.example. It is valid for 10 minutes. Only the most recent code works.',
    );
    if (first === second) return;
    const late = await submit(browser, first);
    expect(late.status).toBe(401);
    expect(late.body).toContain('De code is onjuist of verlopen. Gebruik de code uit het laatste bericht.');
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
    expect(tooSoon.body).toContain('Wacht nog 1 seconde en vul de code dan opnieuw in.');
    t.clock.advance(2);
    expect((await submit(browser, code)).location).toBe('/account');
    expect((await t.ctx.store.getUser(user.id))?.failedAttempts).toBe(0);
  });

  // Found by a review: the owner was told of a lock only when a wrong authenticator code caused it.
  test('a wrong fallback code that locks the account tells the owner, once', async () => {
    await t.app.close();
    t = await createTestApp({ policy: { lockAfterFailures: 2 } });
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const code = await requestCode(browser, user);
    // One failure before, long enough ago that its delay is over (as by a wrong authenticator code).
    await t.ctx.store.claimAttempt(user.id, t.ctx.nowSeconds() - 1000, {
      maxDelay: 300,
      lockAfter: 2,
      ignoreLock: false,
    });
    expect((await submit(browser, otherCode(code))).status).toBe(401);
    expect((await t.ctx.store.getUser(user.id))?.locked).toBe(true);
    const told = (await outbox(t)).filter(
      (m) => m.subject === 'Inloggen met uw authenticator is geblokkeerd',
    );
    expect(told.map((m) => m.to)).toEqual([user.email]);
    expect(told[0]?.body).toContain('Na 2 onjuiste codes');
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

  test('sends are capped per account and address per hour, across login attempts', async () => {
    const user = await addUser(t);
    const { browser: one } = await atChoose(user);
    for (let i = 0; i < 2; i++) await requestCode(one, user);
    const { browser: two } = await atChoose(user);
    await requestCode(two, user);
    const sent = (await outbox(t)).length;
    const { browser: fourth } = await atChoose(user);
    const refused = await fourth.post('/login/fallback', { channel: 'email' });
    expect(refused.status).toBe(429);
    expect(refused.body).toContain(
      'Vanaf deze internetverbinding is het maximum van 3 codes per uur bereikt.',
    );
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
    const noMobile =
      'SMS is niet mogelijk: er is geen mobiel nummer ingesteld. Na het inloggen kunt u dat doen bij ‘Mijn gegevens’.';
    expect(choose.body).toContain(noMobile);
    expect(choose.body).not.toContain('value="sms"');
    const sms = await browser.post('/login/fallback', { channel: 'sms' });
    expect(sms.status).toBe(400);
    expect(sms.body).toContain(noMobile);
    const english = await browser.get('/login/fallback', { 'accept-language': 'en' });
    expect(english.body).toContain(
      'SMS is not available: no mobile number is set. After logging in you can add one under ‘My details’.',
    );
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

describe('the send cap is no dead end (review finding 1)', () => {
  /**
   * Three codes for this login attempt, as many as one address may ask for in an hour, a minute
   * apart (the last one sent 2 minutes after the first).
   */
  async function threeSends(browser: TestBrowser, user: TestUser): Promise<string> {
    let code = '';
    for (let i = 0; i < 3; i++) {
      if (i > 0) t.clock.advance(60);
      code = await requestCode(browser, user);
    }
    return code;
  }

  test('capped while the last code is valid: to the code form, saying that code still works', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    const last = await threeSends(browser, user);
    const sent = (await outbox(t)).length;
    t.clock.advance(60);

    const sixth = await browser.post('/login/fallback', { channel: 'email' });
    expect(sixth.status).toBe(303);
    expect(sixth.location).toBe('/login/fallback/code');
    expect((await outbox(t)).length).toBe(sent);
    const form = await browser.get('/login/fallback/code');
    expect(form.status).toBe(200);
    // The first send (3 minutes ago) leaves the hour's window in 57 minutes.
    expect(form.body).toContain(
      '<p class="notice" role="status">Vanaf deze internetverbinding is het maximum van 3 codes per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over 57 minuten aanvragen.</p>',
    );
    expect(form.body).toContain('name="code"');
    expect((await submit(browser, last)).location).toBe('/account');
  });

  test('capped without a valid code: the page says in how many minutes (rounded up, 1 minuut)', async () => {
    // One login attempt that outlasts the hour.
    await t.app.close();
    t = await createTestApp({ policy: { mfaSeconds: 2 * 3600 } });
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    await threeSends(browser, user);
    // The last code (sent at +2 min) has expired at +12 min 30 s: 47 min 30 s to go, so 48.
    t.clock.advance(10 * 60 + 30);
    const plural = await browser.post('/login/fallback', { channel: 'email' });
    expect(plural.status).toBe(429);
    expect(plural.headers['retry-after']).toBe(String(47 * 60 + 30));
    expect(plural.body).toContain(
      'Vanaf deze internetverbinding is het maximum van 3 codes per uur bereikt. Een nieuwe code kunt u over 48 minuten aanvragen.',
    );
    expect(plural.body).not.toContain('Ik heb al een code ontvangen');

    t.clock.advance(47 * 60);
    const one = await browser.post('/login/fallback', { channel: 'email' });
    expect(one.status).toBe(429);
    expect(one.headers['retry-after']).toBe('30');
    expect(one.body).toContain('Een nieuwe code kunt u over 1 minuut aanvragen.');

    const english = await browser.post('/login/fallback', { channel: 'email' }, { 'accept-language': 'en' });
    expect(english.body).toContain(
      'This internet connection has reached its limit of 3 codes an hour. You can request a new code in 1 minute.',
    );

    t.clock.advance(30);
    expect((await browser.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
  });

  test('a cap of 1 code an hour says "1 code", not "1 codes", in Dutch and English', async () => {
    await t.app.close();
    t = await createTestApp({ policy: { fallbackSendsPerClientPerHour: 1, mfaSeconds: 3600 } });
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    await requestCode(browser, user);

    // The code sent is still valid: to the code form, saying so.
    expect((await browser.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    expect((await browser.get('/login/fallback/code')).body).toContain(
      'Vanaf deze internetverbinding is het maximum van 1 code per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over 60 minuten aanvragen.',
    );
    const en = { 'accept-language': 'en' };
    await browser.post('/login/fallback', { channel: 'email' }, en);
    expect((await browser.get('/login/fallback/code', en)).body).toContain(
      'This internet connection has reached its limit of 1 code an hour. Use the most recent code; it is still valid.',
    );

    // That code expired (10 minutes): the choose page says when a new one can be sent.
    t.clock.advance(11 * 60);
    const dutch = await browser.post('/login/fallback', { channel: 'email' });
    expect(dutch.status).toBe(429);
    expect(dutch.body).toContain(
      'Vanaf deze internetverbinding is het maximum van 1 code per uur bereikt. Een nieuwe code kunt u over 49 minuten aanvragen.',
    );
    const english = await browser.post('/login/fallback', { channel: 'email' }, en);
    expect(english.body).toContain(
      'This internet connection has reached its limit of 1 code an hour. You can request a new code in 49 minutes.',
    );
    expect((await outbox(t)).length).toBe(1);
  });

  test('once capped, the choose page says so up front, with the minutes, and offers no "Verstuur code"', async () => {
    const user = await addUser(t);
    const { browser: first } = await atChoose(user);
    await threeSends(first, user);
    // A new login attempt 20 minutes later: the first send leaves the hour's window in 40 minutes.
    t.clock.advance(18 * 60);
    const { choose } = await atChoose(user);
    expect(choose.status).toBe(200);
    expect(choose.body).toContain(
      'Vanaf deze internetverbinding is het maximum van 3 codes per uur bereikt. Een nieuwe code kunt u over 40 minuten aanvragen.',
    );
    expect(choose.body).not.toContain('Verstuur code');
    expect(choose.body).not.toContain('action="/login/fallback"');
    expect(choose.body).toContain('Opnieuw inloggen');
    const { browser: english } = await atChoose(user);
    const en = await english.get('/login/fallback', { 'accept-language': 'en' });
    expect(en.body).toContain(
      'This internet connection has reached its limit of 3 codes an hour. You can request a new code in 40 minutes.',
    );
    expect(en.body).not.toContain('Send code');

    // Once the first send has left the window, the button is back (and sends).
    t.clock.advance(40 * 60);
    const { browser: later, choose: open } = await atChoose(user);
    expect(open.body).toContain('Verstuur code');
    expect(open.body).not.toContain('afgelopen uur');
    expect((await later.post('/login/fallback', { channel: 'email' })).location).toBe('/login/fallback/code');
  });

  test("capped while this attempt's code is valid, the choose page points to that code instead", async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    await threeSends(browser, user);
    const page = await browser.get('/login/fallback');
    expect(page.body).toContain(
      'Vanaf deze internetverbinding is het maximum van 3 codes per uur bereikt. Gebruik de laatst verstuurde code; die is nog geldig. Een nieuwe code kunt u over 58 minuten aanvragen.',
    );
    expect(page.body).toContain('<a href="/login/fallback/code">Ik heb al een code ontvangen</a>');
    expect(page.body).not.toContain('Verstuur code');
  });

  test('the choose page offers "Ik heb al een code ontvangen" only while a code is pending', async () => {
    await t.app.close();
    t = await createTestApp({ policy: { mfaSeconds: 3600 } });
    const user = await addUser(t);
    const { browser, choose } = await atChoose(user);
    expect(choose.body).not.toContain('Ik heb al een code ontvangen');
    await requestCode(browser, user);
    const again = await browser.get('/login/fallback');
    expect(again.body).toContain('<a href="/login/fallback/code">Ik heb al een code ontvangen</a>');
    t.clock.advance(601);
    const later = await browser.get('/login/fallback');
    expect(later.status).toBe(200);
    expect(later.body).not.toContain('Ik heb al een code ontvangen');
  });
});

describe('SECURITY #19: one address with the password cannot use up the sends (attacker review)', () => {
  const ATTACKER = '203.0.113.66';
  const USER = '198.51.100.20';

  /** The code in the newest message to `to`, read from the store (the outbox page is only for this machine). */
  async function lastCodeTo(to: string): Promise<string> {
    const message = (await outbox(t)).find((m) => m.to === to);
    const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
    if (!code) throw new Error(`no code was sent to ${to}`);
    return code;
  }

  test('six requests from one address, then the user at another still gets a code and logs in', async () => {
    const user = await addUser(t);
    const attacker = new TestBrowser(t.app, ATTACKER);
    await atChoose(user, attacker);
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      // A new login attempt each time, so no code of this attempt is pending: each refusal is a 429.
      if (i > 0) await atChoose(user, attacker);
      answers.push((await attacker.post('/login/fallback', { channel: 'email' })).status);
    }
    expect(answers).toEqual([303, 303, 303, 429, 429, 429]);
    expect(await outbox(t)).toHaveLength(3);

    const { browser, choose } = await atChoose(user, new TestBrowser(t.app, USER));
    expect(choose.body).toContain('Verstuur code');
    expect(choose.body).not.toContain('afgelopen uur');
    expect((await browser.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    expect((await submit(browser, await lastCodeTo(user.email))).location).toBe('/account');
  });

  test("the account's ceiling holds across many addresses, for a new address too", async () => {
    const user = await addUser(t);
    // 3 + 3 + 3 + 1: ten codes, the account's hour, from four addresses.
    for (const [i, sends] of [3, 3, 3, 1].entries()) {
      const browser = new TestBrowser(t.app, `203.0.113.${i + 1}`);
      for (let n = 0; n < sends; n++) {
        await atChoose(user, browser);
        expect((await browser.post('/login/fallback', { channel: 'email' })).status).toBe(303);
      }
      t.clock.advance(60);
    }
    expect(await outbox(t)).toHaveLength(10);

    // The first send (4 minutes ago) leaves the hour's window in 56 minutes.
    const { browser: fresh, choose } = await atChoose(user, new TestBrowser(t.app, USER));
    const capped =
      'Voor dit account is het maximum van 10 codes per uur bereikt. Een nieuwe code kunt u over 56 minuten aanvragen.';
    expect(choose.body).toContain(capped);
    expect(choose.body).not.toContain('Verstuur code');
    const refused = await fresh.post('/login/fallback', { channel: 'email' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(56 * 60));
    expect(refused.body).toContain(capped);
    const english = await fresh.post('/login/fallback', { channel: 'email' }, { 'accept-language': 'en' });
    expect(english.body).toContain(
      'This account has reached its limit of 10 codes an hour. You can request a new code in 56 minutes.',
    );
    // An address that has sent fewer than its 3 is held by the ceiling too.
    const { browser: fourth } = await atChoose(user, new TestBrowser(t.app, '203.0.113.4'));
    expect((await fourth.post('/login/fallback', { channel: 'email' })).status).toBe(429);
    expect(await outbox(t)).toHaveLength(10);

    t.clock.advance(56 * 60);
    const { browser: later } = await atChoose(user, new TestBrowser(t.app, USER));
    expect((await later.post('/login/fallback', { channel: 'email' })).location).toBe('/login/fallback/code');
  });

  // An attacker review: counted by the /64, one home connection with a /56 (256 /64s) reached the
  // account's ceiling alone. One subscriber's /48 is one client; the next /48 is another.
  test('the addresses of one IPv6 /48 are one client, whichever /64; the next /48 is another', async () => {
    const user = await addUser(t);
    for (const net of ['1', '2', '3']) {
      const { browser } = await atChoose(user, new TestBrowser(t.app, `2001:db8:5:${net}::1`));
      expect((await browser.post('/login/fallback', { channel: 'email' })).status).toBe(303);
    }
    const { browser: same } = await atChoose(user, new TestBrowser(t.app, '2001:db8:5:ff00:ffff::9'));
    expect((await same.post('/login/fallback', { channel: 'email' })).status).toBe(429);
    const { browser: next } = await atChoose(user, new TestBrowser(t.app, '2001:db8:6::1'));
    expect((await next.post('/login/fallback', { channel: 'email' })).status).toBe(303);
  });

  test('behind a trusted proxy the client is the address X-Forwarded-For names, as for the password throttle', async () => {
    await t.app.close();
    t = await createTestApp({ config: { trustProxy: '127.0.0.1' } });
    const user = await addUser(t);
    const via = (client: string) => ({ 'x-forwarded-for': client });
    const ask = async (client: string) => {
      const browser = new TestBrowser(t.app, '127.0.0.1');
      await browser.get('/login', via(client));
      await browser.post('/login', { username: user.username, password: user.password }, via(client));
      await browser.get('/login/fallback', via(client));
      return (await browser.post('/login/fallback', { channel: 'email' }, via(client))).status;
    };
    for (let i = 0; i < 3; i++) expect(await ask(ATTACKER)).toBe(303);
    expect(await ask(ATTACKER)).toBe(429);
    // Same proxy, another client behind it.
    expect(await ask(USER)).toBe(303);
  });
});

// OWASP's device cookies: every completed login leaves a signed cookie naming the user and the
// browser; with it, that browser has codes sent under a cap of its own, past the account's ceiling
// and its network's cap (an attacker review: from four networks whoever has the password reached
// the ceiling, and a colleague behind the practice's address used up its three).
describe('SECURITY #19: a browser that logged in before still gets a code (device cookies, attacker review)', () => {
  const USER = '198.51.100.20';
  const PRACTICE = '192.0.2.10';
  const HOUR = 3600;

  async function lastCodeTo(to: string): Promise<string> {
    const message = (await outbox(t)).find((m) => m.to === to);
    const code = message && /\b(\d{6})\b/.exec(message.body)?.[1];
    if (!code) throw new Error(`no code was sent to ${to}`);
    return code;
  }

  /** A whole login by an e-mailed code, then "Uitloggen": the browser keeps only its device cookie. */
  async function loginAndLogout(user: TestUser, browser: TestBrowser) {
    await atChoose(user, browser);
    expect((await browser.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    expect((await submit(browser, await lastCodeTo(user.email))).location).toBe('/account');
    await browser.get('/account');
    expect((await browser.post('/logout')).location).toBe('/login');
    expect(browser.cookies.has('device')).toBe(true);
    expect(sid(browser)).toBeUndefined();
  }

  /** The attack as run: 3 + 3 + 3 + 1 sends from four networks, the account's ten of the hour. */
  async function reachCeiling(user: TestUser) {
    for (const [i, sends] of [3, 3, 3, 1].entries()) {
      const browser = new TestBrowser(t.app, `203.0.113.${i + 1}`);
      for (let n = 0; n < sends; n++) {
        await atChoose(user, browser);
        expect((await browser.post('/login/fallback', { channel: 'email' })).status).toBe(303);
      }
    }
  }

  /** A new login attempt in `browser`, then one send: its status. */
  async function send(user: TestUser, browser: TestBrowser) {
    await atChoose(user, browser);
    return (await browser.post('/login/fallback', { channel: 'email' })).status;
  }

  test('the ceiling reached from four networks: the user at a browser that logged in before gets a code and logs in; another browser is refused', async () => {
    const user = await addUser(t);
    const device = new TestBrowser(t.app, USER);
    await loginAndLogout(user, device);
    t.clock.advance(HOUR + 1);
    await reachCeiling(user);

    const { browser: fresh, choose: refusedPage } = await atChoose(user, new TestBrowser(t.app, USER));
    expect(refusedPage.body).toContain('Voor dit account is het maximum van 10 codes per uur bereikt.');
    expect((await fresh.post('/login/fallback', { channel: 'email' })).status).toBe(429);

    const { choose } = await atChoose(user, device);
    expect(choose.body).toContain('Verstuur code');
    expect(choose.body).not.toContain('afgelopen uur');
    expect(choose.body).not.toContain('maximum');
    expect((await device.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    expect((await submit(device, await lastCodeTo(user.email))).location).toBe('/account');
    // Its send counts toward the ceiling for everyone else: still refused.
    expect(await send(user, new TestBrowser(t.app, '203.0.113.9'))).toBe(429);
  });

  test("a colleague behind the practice's address used its three: the user's browser there still gets a code", async () => {
    const user = await addUser(t);
    const device = new TestBrowser(t.app, PRACTICE);
    await loginAndLogout(user, device);
    t.clock.advance(HOUR + 1);
    const colleague = new TestBrowser(t.app, PRACTICE);
    for (let i = 0; i < 3; i++) expect(await send(user, colleague)).toBe(303);
    expect(await send(user, colleague)).toBe(429);
    expect(await send(user, new TestBrowser(t.app, PRACTICE))).toBe(429);

    const { choose } = await atChoose(user, device);
    expect(choose.body).toContain('Verstuur code');
    expect((await device.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    expect((await submit(device, await lastCodeTo(user.email))).location).toBe('/account');
  });

  test("the device's own cap holds: a fourth send in the hour is refused, and the page says it is this browser's", async () => {
    const user = await addUser(t);
    const device = new TestBrowser(t.app, USER);
    await loginAndLogout(user, device);
    t.clock.advance(HOUR + 1);
    for (let i = 0; i < 3; i++) expect(await send(user, device)).toBe(303);
    t.clock.advance(60);
    const { choose } = await atChoose(user, device);
    const capped =
      'U heeft in het afgelopen uur in deze browser al 3 codes aangevraagd. Een nieuwe code kunt u over 59 minuten aanvragen.';
    expect(choose.body).toContain(capped);
    expect(choose.body).not.toContain('Verstuur code');
    const refused = await device.post('/login/fallback', { channel: 'email' });
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe(String(59 * 60));
    expect(refused.body).toContain(capped);
    const english = await device.post('/login/fallback', { channel: 'email' }, { 'accept-language': 'en' });
    expect(english.body).toContain(
      'You have requested 3 codes in this browser in the last hour. You can request a new code in 59 minutes.',
    );
    // The device's sends are its own: its network's three are untouched.
    expect(await send(user, new TestBrowser(t.app, USER))).toBe(303);
  });

  test("a forged, malformed, expired or other user's device cookie gives no allowance", async () => {
    const alice = await addUser(t);
    const bob = await addUser(t);
    const device = new TestBrowser(t.app, USER);
    await loginAndLogout(alice, device);
    const bobs = new TestBrowser(t.app, USER);
    await loginAndLogout(bob, bobs);
    t.clock.advance(HOUR + 1);
    await reachCeiling(alice);

    const real = device.cookies.get('device') ?? '';
    const parts = real.split('.');
    const flip = (s: string) => (s.startsWith('A') ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    const tampered = [...parts.slice(0, 2), flip(parts[2] ?? ''), ...parts.slice(3)].join('.');
    const resigned = [...parts.slice(0, 1), String(bob.id), ...parts.slice(2)].join('.');
    const values = {
      "bob's": bobs.cookies.get('device') ?? '',
      tampered,
      resigned,
      unsigned: parts.slice(0, 4).join('.'),
      garbage: '%%%.',
      long: `${real}${'A'.repeat(5000)}`,
    };
    for (const [what, value] of Object.entries(values)) {
      const browser = browserWithCookies(t, { device: value });
      const { choose } = await atChoose(alice, browser);
      expect(choose.status, what).toBe(200);
      expect(choose.body, what).toContain('Voor dit account is het maximum van 10 codes per uur bereikt.');
      expect((await browser.post('/login/fallback', { channel: 'email' })).status, what).toBe(429);
    }
    // The real one, copied as the others were, does pass.
    expect(await send(alice, browserWithCookies(t, { device: real }))).toBe(303);

    // 90 days on, the cookie has expired (the server checks the end it signed, not the browser).
    t.clock.advance(90 * 24 * HOUR);
    await reachCeiling(alice);
    expect(await send(alice, device)).toBe(429);
  });

  // A choice (docs/security.md): the cookie is read only after the current password and grants
  // only a code to the user's own address, so a password change leaves the user's devices theirs.
  test('a device cookie issued before a password change still counts after it', async () => {
    const user = await addUser(t);
    const device = new TestBrowser(t.app, USER);
    await loginAndLogout(user, device);
    const other = new TestBrowser(t.app, PRACTICE);
    await atChoose(user, other);
    await other.post('/login/fallback', { channel: 'email' });
    expect((await submit(other, await lastCodeTo(user.email))).location).toBe('/account');
    const changed = { ...user, password: 'een heel ander wachtwoord 42' };
    await other.get('/account/password');
    const answer = await other.post('/account/password', {
      current: user.password,
      new: changed.password,
      confirm: changed.password,
    });
    expect(answer.location).toBe('/account');
    t.clock.advance(HOUR + 1);
    await reachCeiling(changed);
    expect(await send(changed, device)).toBe(303);
  });

  test('each login issues a new device cookie; "Uitloggen" keeps it', async () => {
    const user = await addUser(t);
    const device = new TestBrowser(t.app, USER);
    await loginAndLogout(user, device);
    const first = device.cookies.get('device');
    t.clock.advance(HOUR + 1);
    await loginAndLogout(user, device);
    expect(device.cookies.get('device')).not.toBe(first);
  });
});

describe('a first login without an authenticator, and where a developer finds the code (review finding 5)', () => {
  const NO_AUTHENTICATOR =
    'Uw organisatie vraagt bij het inloggen om een extra code. U heeft nog geen authenticator gekoppeld, daarom sturen wij de code per e-mail of SMS. Na het inloggen kunt u bij ‘Mijn gegevens’ een authenticator toevoegen.';
  const OUTBOX_LINE =
    '<p class="hint" id="dev-outbox">Ontwikkelomgeving: de code wordt niet echt verstuurd. <a href="/outbox">U vindt hem in de outbox.</a></p>';

  test('without an authenticator the choose page says why a code is sent and how to stop needing one', async () => {
    const user = await addUser(t);
    const { choose } = await atChoose(user);
    expect(choose.status).toBe(200);
    expect(choose.body).toContain(NO_AUTHENTICATOR);
    expect(choose.body).not.toContain('Wij sturen u een eenmalige code');
    const english = await (await atChoose(user, new TestBrowser(t.app, '127.0.0.2'))).browser.get(
      '/login/fallback',
      { 'accept-language': 'en' },
    );
    expect(english.body).toContain(
      'You have not linked an authenticator yet, so we send the code by e-mail or SMS. After logging in you can add an authenticator under ‘My details’.',
    );
  });

  test('with an authenticator ("Ik heb geen toegang …") the usual intro', async () => {
    const { user } = await seededUser(t);
    const { browser, page } = await passwordStep(t, user);
    expect(page.location).toBe('/login/code');
    const choose = await browser.get('/login/fallback');
    expect(choose.body).toContain('Wij sturen u een eenmalige code van 6 cijfers.');
    expect(choose.body).not.toContain(NO_AUTHENTICATOR);
  });

  test('the code page points to the outbox for a requester who may read it, and only then', async () => {
    const user = await addUser(t);
    const { browser } = await atChoose(user);
    await requestCode(browser, user);
    const local = await browser.get('/login/fallback/code');
    expect(local.body).toContain(OUTBOX_LINE);
    expect((await browser.get('/outbox')).status).toBe(200);

    // From another machine the outbox is a 404, and the page does not mention it.
    const { browser: remote } = await atChoose(user, new TestBrowser(t.app, '203.0.113.9'));
    await remote.post('/login/fallback', { channel: 'email' });
    const away = await remote.get('/login/fallback/code');
    expect(away.status).toBe(200);
    expect(away.body).not.toContain('outbox');
    expect((await remote.get('/outbox')).status).toBe(404);
  });

  test.each([
    ['everyone', '203.0.113.9', true],
    ['off', '127.0.0.1', false],
  ] as const)("outbox '%s', requester %s: the line is shown: %s", async (outbox, address, shown) => {
    await t.app.close();
    t = await createTestApp({ config: { outbox } });
    const user = await addUser(t);
    const { browser } = await atChoose(user, new TestBrowser(t.app, address));
    expect((await browser.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    const page = await browser.get('/login/fallback/code');
    expect(page.body.includes(OUTBOX_LINE)).toBe(shown);
    expect((await browser.get('/outbox')).status).toBe(shown ? 200 : 404);
  });
});
