import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { shownManualKey } from '../../../support/manual-key-of';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, enroll, loginByEmail, passwordStep, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, outbox, sessionHash, userWithAuthenticator } from './route-test-helpers';

// pngjs comes with qrcode (which writes the PNG); only its sync reader is used here.
const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(data: Buffer): { width: number; height: number; data: Buffer } } };
};

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

const NEW = '/account/authenticators/new';
const EXPIRED =
  'De QR-code is na 10 minuten verlopen; de authenticator is niet toegevoegd. Maak bij stap 1 een nieuwe QR-code met de knop ‘Ga naar stap 2’. Had u deze QR-code al gescand? Verwijder dat account dan uit uw authenticator, anders staat het er twee keer in en werkt één ervan niet.';
const STEP_2 = '/account/authenticators/new/step-2';

const manualKey = shownManualKey;

/** The pending authenticator a step-2 page's form is for (its hidden `enrollment` field). */
function enrollmentOf(body: string): string {
  const id = /name="enrollment" value="([^"]+)"/.exec(body)?.[1];
  if (!id) throw new Error('no enrollment field on the page');
  return id;
}

/** A logged-in user at step 2 of "Voeg authenticator toe"; returns the secret shown. */
async function atStep2(name = 'Chrome plugin balie') {
  const user = await addUser(t);
  const browser = await loginByEmail(t, user);
  await browser.get(NEW);
  const step1 = await browser.post(NEW, { name });
  expect(step1.location).toBe(STEP_2);
  const page = await browser.get(STEP_2);
  expect(page.status).toBe(200);
  return { user, browser, page, secret: manualKey(page.body).replace(/\s+/g, '') };
}

describe('SECURITY #17: enrollment', () => {
  test('step 2 shows a PNG QR code of the otpauth URI and the key grouped by four', async () => {
    const { user, page, secret } = await atStep2();
    const img = /<img[^>]*id="qr-code"[^>]*>/.exec(page.body)?.[0] ?? '';
    const src = /src="data:image\/png;base64,([A-Za-z0-9+/=]+)"/.exec(img)?.[1];
    expect(src).toBeDefined();
    expect(manualKey(page.body)).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{4}){7}$/);

    const png = PNG.sync.read(Buffer.from(src ?? '', 'base64'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    const uri = new URL(decoded?.data ?? 'invalid:');
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe(`/Demo Portaal:${user.username}`);
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Demo Portaal');
  });

  test('the key breaks only between its groups; it reads and copies as the groups with one space between', async () => {
    const { page, secret } = await atStep2();
    const code = /<code id="manual-key"[^>]*>(.*?)<\/code>/.exec(page.body);
    const groups = secret.match(/.{4}/g) ?? [];
    expect(groups).toHaveLength(8);
    // Each group in a span that app.css keeps on one line; only a plain space between two spans.
    expect(code?.[1]).toBe(groups.map((g) => `<span>${g}</span>`).join(' '));
    // Its text (what a screen reader reads, what a selection copies) is the key as shown before.
    expect(code?.[1]?.replace(/<[^>]*>/g, '')).toBe(groups.join(' '));
    // Never translated by the browser; nothing hidden in it for screen readers only.
    expect(code?.[0]).toMatch(/class="key notranslate"/);
    expect(code?.[0]).not.toMatch(/aria-hidden|aria-label/);
    const css = (await t.app.inject({ method: 'GET', url: '/static/app.css' })).body;
    expect(css).toContain('code.key span { white-space: nowrap; }');
  });

  test('a pending authenticator is neither listed nor usable at login until confirmed', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    await browser.get(NEW);
    await browser.post(NEW, { name: 'Nog niet actief' });
    const step2 = await browser.get(STEP_2);
    const pendingSecret = manualKey(step2.body).replace(/\s+/g, '');
    const pending = await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds());
    expect(pending).not.toBeNull();

    expect((await browser.get('/account')).body).not.toContain('Nog niet actief');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([
      'Chrome plugin balie',
    ]);

    t.clock.advance(30);
    const { browser: other } = await passwordStep(t, user);
    const choose = await other.get('/login/code');
    expect(choose.body).not.toContain('Nog niet actief');
    const attempt = await other.post('/login/code', {
      authenticator: pending?.authenticatorId ?? '',
      code: totp(pendingSecret, t.clock.now()),
    });
    expect(attempt.status).toBe(400);
    expect(attempt.body).toContain('Kies een van uw authenticators uit de lijst.');
    expect((await other.get('/account')).location).toBe('/login/code');
    // The real one still works, so the refusal was about the pending secret.
    expect(
      (await other.post('/login/code', { authenticator: auth.id, code: totp(auth.secret, t.clock.now()) }))
        .location,
    ).toBe('/account');
  });

  test('a wrong code keeps it pending with "De code klopt niet"; the right one then adds it', async () => {
    const { user, browser, secret } = await atStep2();
    const good = totp(secret, t.clock.now());
    const wrong = await browser.post(STEP_2, { code: good === '000000' ? '111111' : '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain('De code klopt niet');
    expect(manualKey(wrong.body).replace(/\s+/g, '')).toBe(secret);
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);

    const ok = await browser.post(STEP_2, { code: good });
    expect(ok.location).toBe('/account');
    const account = await browser.get('/account');
    expect(account.body).toContain('Authenticator ‘Chrome plugin balie’ is toegevoegd.');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([
      'Chrome plugin balie',
    ]);
  });

  test('the code that confirmed enrollment cannot be replayed at login', async () => {
    const { user, browser, secret } = await atStep2();
    const code = totp(secret, t.clock.now());
    expect((await browser.post(STEP_2, { code })).location).toBe('/account');
    const [added] = await t.ctx.store.listAuthenticators(user.id);
    const { browser: b2 } = await passwordStep(t, user);
    await b2.get('/login/code');
    const replay = await b2.post('/login/code', { authenticator: added?.id ?? '', code });
    expect(replay.status).toBe(401);
  });

  test('the pending secret expires after 10 minutes with "De QR-code is na 10 minuten verlopen"', async () => {
    const { user, browser, secret } = await atStep2();
    t.clock.advance(601);
    const late = await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
    expect(late.location).toBe(NEW);
    const page = await browser.get(NEW);
    expect(page.body).toContain(EXPIRED);
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
    expect((await browser.get(STEP_2)).location).toBe(NEW);
  });

  // Issue 9, finding 11: a damaged pending secret (a flipped byte, another row's ciphertext) is a
  // clear page and a fresh start, never a 500.
  test.each([
    [0, 'showing step 2', 'get'],
    [1, 'confirming a code', 'post'],
  ])(
    'case %i: a damaged pending secret when %s: "Begin opnieuw", nothing added, no 500',
    async (_i, _what, method) => {
      const { user, browser, secret } = await atStep2();
      const hash = sessionHash(browser);
      const pending = await t.ctx.store.getPendingEnrollment(hash, t.ctx.nowSeconds());
      if (!pending) throw new Error('no pending enrollment');
      const damaged = new Uint8Array(pending.secretSealed);
      damaged[20] = (damaged[20] ?? 0) ^ 0x01;
      await t.ctx.store.savePendingEnrollment({ ...pending, secretSealed: damaged });
      const answer =
        method === 'get'
          ? await browser.get(STEP_2)
          : await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
      expect(answer.status).toBe(303);
      expect(answer.location).toBe(NEW);
      const page = await browser.get(NEW);
      expect(page.status).toBe(200);
      expect(page.body).toContain('kon niet worden gelezen');
      expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
      expect(await t.ctx.store.getPendingEnrollment(hash, t.ctx.nowSeconds())).toBeNull();
      expect(t.logs.some((l) => l.includes('"secret.integrity"'))).toBe(true);
    },
  );

  test('just before 10 minutes the pending secret is still accepted', async () => {
    const { user, browser, secret } = await atStep2();
    t.clock.advance(590);
    expect((await browser.post(STEP_2, { code: totp(secret, t.clock.now()) })).location).toBe('/account');
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test('it is bound to the session: another browser of the same user cannot confirm it', async () => {
    const { user, secret } = await atStep2();
    const other = await loginByEmail(t, user);
    expect((await other.get(STEP_2)).location).toBe(NEW);
    const confirm = await other.post(STEP_2, { code: totp(secret, t.clock.now()) });
    expect(confirm.location).toBe(NEW);
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
  });

  test('a QR code replaced in another tab: its code is refused with the reason and the new QR code', async () => {
    const { user, browser, page, secret: first } = await atStep2('Chrome plugin balie');
    const firstId = enrollmentOf(page.body);
    // The second tab of the same browser does step 1 again: a new QR code replaces the first.
    await browser.post(NEW, { name: 'Chrome plugin balie 2' });
    const second = manualKey((await browser.get(STEP_2)).body).replace(/\s+/g, '');
    expect(second).not.toBe(first);

    // The first tab sends the code of the QR code it showed.
    const stale = await browser.post(STEP_2, { code: totp(first, t.clock.now()), enrollment: firstId });
    expect(stale.status).toBe(409);
    expect(stale.body).toContain('In een ander venster of tabblad is intussen een nieuwe QR-code gemaakt');
    expect(manualKey(stale.body).replace(/\s+/g, '')).toBe(second);
    expect(stale.body).toContain('Chrome plugin balie 2');
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);

    // The QR code shown now is confirmed with its own code, and that authenticator logs in.
    const ok = await browser.post(STEP_2, {
      code: totp(second, t.clock.now()),
      enrollment: enrollmentOf(stale.body),
    });
    expect(ok.location).toBe('/account');
    const [added] = await t.ctx.store.listAuthenticators(user.id);
    expect(added?.name).toBe('Chrome plugin balie 2');
    t.clock.advance(30);
    const { browser: later } = await passwordStep(t, user);
    await later.get('/login/code');
    const login = await later.post('/login/code', {
      authenticator: added?.id ?? '',
      code: totp(second, t.clock.now()),
    });
    expect(login.location).toBe('/account');
  });

  test('replaced between its code check and the confirmation: the secret whose code was checked, or nothing, becomes active', async () => {
    const { user, browser, secret: first } = await atStep2('Chrome plugin balie');
    // A second tab's step 1 lands just after this request read and checked the first secret
    // (forced here: the store's confirmation first lets the other tab's step 1 in).
    const store = t.ctx.store;
    const confirm = store.confirmEnrollment.bind(store);
    let interleaved = false;
    store.confirmEnrollment = async (...args) => {
      if (!interleaved) {
        interleaved = true;
        await browser.post(NEW, { name: 'Chrome plugin balie 2' });
      }
      return confirm(...args);
    };
    // A form without the page's enrollment field (as before it existed): checked against what is pending.
    const raced = await browser.post(STEP_2, { code: totp(first, t.clock.now()) });
    expect(interleaved).toBe(true);
    // Not the second secret, which nobody confirmed: nothing is added, and the new QR code is shown.
    expect(await store.listAuthenticators(user.id)).toEqual([]);
    expect(raced.status).toBe(409);
    expect(raced.body).toContain('In een ander venster of tabblad is intussen een nieuwe QR-code gemaakt');
    const second = manualKey(raced.body).replace(/\s+/g, '');
    expect(second).not.toBe(first);
    expect((await browser.post(STEP_2, { code: totp(second, t.clock.now()) })).location).toBe('/account');
    expect((await store.listAuthenticators(user.id)).map((a) => a.name)).toEqual(['Chrome plugin balie 2']);
  });

  // QA finding: Back or a second "Opslaan" after the authenticator was added said the QR code had
  // expired and told staff to delete the account that works.
  test('sent again or Back after adding: "is al toegevoegd" on the account page, never "verlopen"', async () => {
    const { user, browser, page, secret } = await atStep2();
    const enrollment = enrollmentOf(page.body);
    const code = totp(secret, t.clock.now());
    expect((await browser.post(STEP_2, { code, enrollment })).location).toBe('/account');
    await browser.get('/account');
    const mails = (await outbox(t)).length;

    const again = await browser.post(STEP_2, { code, enrollment });
    expect(again.location).toBe('/account');
    const account = await browser.get('/account');
    expect(account.body).toContain(
      'Authenticator ‘Chrome plugin balie’ is al toegevoegd; u hoeft niets opnieuw te doen.',
    );
    expect(account.body).not.toContain('verlopen');

    // Back: the browser asks for step 2 again, without the form.
    const back = await browser.get(STEP_2);
    expect(back.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain('is al toegevoegd');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([
      'Chrome plugin balie',
    ]);
    expect(await outbox(t)).toHaveLength(mails);
  });

  test('a next authenticator whose QR code expired is "verlopen", not the one added before; logging out forgets it', async () => {
    const { user, browser, secret } = await atStep2('Chrome plugin balie');
    expect((await browser.post(STEP_2, { code: totp(secret, t.clock.now()) })).location).toBe('/account');
    expect(browser.cookies.has('enrolled')).toBe(true);
    await browser.get(NEW);
    expect((await browser.post(NEW, { name: 'Chrome plugin behandelkamer 1' })).location).toBe(STEP_2);
    t.clock.advance(601);
    expect((await browser.get(STEP_2)).location).toBe(NEW);
    expect((await browser.get(NEW)).body).toContain(EXPIRED);
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([
      'Chrome plugin balie',
    ]);

    // Logging out leaves nothing of it in the shared computer's browser.
    const again = await atStep2('Telefoon');
    expect((await again.browser.post(STEP_2, { code: totp(again.secret, t.clock.now()) })).location).toBe(
      '/account',
    );
    expect(again.browser.cookies.has('enrolled')).toBe(true);
    await again.browser.get('/account');
    await again.browser.post('/logout');
    expect(again.browser.cookies.has('enrolled')).toBe(false);
  });

  test('the added one\'s page sent again while another is pending: "is al toegevoegd", not "vervangen … verwijder"', async () => {
    const { user, browser, page, secret } = await atStep2('Chrome plugin balie');
    const enrollment = enrollmentOf(page.body);
    const code = totp(secret, t.clock.now());
    expect((await browser.post(STEP_2, { code, enrollment })).location).toBe('/account');
    await browser.get(NEW);
    expect((await browser.post(NEW, { name: 'Chrome plugin behandelkamer 1' })).location).toBe(STEP_2);
    // Back twice to the first one's step 2 (from the browser's cache), and "Opslaan" again.
    const again = await browser.post(STEP_2, { code, enrollment });
    expect(again.status).toBe(303);
    expect(again.location).toBe('/account');
    const account = await browser.get('/account');
    expect(account.body).toContain('Authenticator ‘Chrome plugin balie’ is al toegevoegd');
    expect(account.body).not.toContain('verwijder');
    // The second stays pending, its QR code on step 2.
    const step2 = await browser.get(STEP_2);
    expect(step2.status).toBe(200);
    expect(step2.body).toContain('Chrome plugin behandelkamer 1');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([
      'Chrome plugin balie',
    ]);
  });

  test('two clicks on "Opslaan" at once: one authenticator, and both answers lead to the account page', async () => {
    const { user, browser, page, secret } = await atStep2();
    const enrollment = enrollmentOf(page.body);
    const code = totp(secret, t.clock.now());
    const answers = await Promise.all([
      browser.post(STEP_2, { code, enrollment }),
      browser.post(STEP_2, { code, enrollment }),
    ]);
    expect(answers.map((a) => a.location)).toEqual(['/account', '/account']);
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test('"is al toegevoegd" only for this user\'s own authenticator: another id or another user\'s is "verlopen"', async () => {
    const other = await userWithAuthenticator(t, {}, 'Werkplek van een ander');
    const { browser } = await atStep2('Chrome plugin balie');
    // Nothing pending any more in this session: the QR code expired.
    t.clock.advance(601);
    for (const enrollment of [other.auth.id, 'not-an-id']) {
      const answer = await browser.post(STEP_2, { code: '123456', enrollment });
      expect(answer.location).toBe(NEW);
      const step1 = await browser.get(NEW);
      expect(step1.body).toContain(EXPIRED);
      expect(step1.body).not.toContain('Werkplek van een ander');
    }
    expect((await browser.get(STEP_2)).location).toBe(NEW);
  });

  test('adding sends an e-mail notification to the user', async () => {
    const { user, browser, secret } = await atStep2('Chrome plugin behandelkamer 1');
    await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
    const mail = (await outbox(t)).find((m) => m.subject === 'Authenticator toegevoegd');
    expect(mail?.to).toBe(user.email);
    expect(mail?.body).toContain('Chrome plugin behandelkamer 1');
  });
});

describe('an expiring QR code is said before and after (review finding 6)', () => {
  test('step 2 says how long the QR code is valid, from the enrollment lifetime', async () => {
    const { page } = await atStep2();
    expect(page.body).toContain('<p id="qr-valid-for">Deze QR-code is 10 minuten geldig.</p>');
    const english = await atStep2ForLifetime(10 * 60, 'en');
    expect(english).toContain('This QR code is valid for 10 minutes.');
    expect(await atStep2ForLifetime(60)).toContain('Deze QR-code is 1 minuut geldig.');
    expect(await atStep2ForLifetime(90)).toContain('Deze QR-code is 2 minuten geldig.');
  });

  test('an expired QR code after the recent login ran out too: the password first, then the notice', async () => {
    const { user, browser, secret } = await atStep2();
    t.clock.advance(16 * 60);
    const late = await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
    expect(late.location).toBe(`/account/reauth?next=${encodeURIComponent(STEP_2)}`);
    const reauth = await browser.get(late.location ?? '');
    expect(reauth.status).toBe(200);
    expect(reauth.body).toContain(
      '<p>Om een authenticator toe te voegen vragen wij uw wachtwoord opnieuw.</p>',
    );
    const english = await browser.get(late.location ?? '', { 'accept-language': 'en' });
    expect(english.body).toContain('Please enter your password again to add an authenticator.');
    const ok = await browser.post('/account/reauth', { password: user.password, next: STEP_2 });
    expect(ok.location).toBe(STEP_2);
    expect((await browser.get(STEP_2)).location).toBe(NEW);
    expect((await browser.get(NEW)).body).toContain(EXPIRED);
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
  });

  // SECURITY #17. Found by an attacker review: step 1 needed a recent login, step 2 did not, so a
  // copy of the session cookie could read the secret of an enrollment started just before the
  // recent login ran out, and confirm it as the thief's own second factor.
  test('once the recent login has run out, step 2 shows no secret and adds nothing until the password', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    t.clock.advance(14 * 60);
    await browser.get(NEW);
    expect((await browser.post(NEW, { name: 'Chrome plugin balie' })).location).toBe(STEP_2);
    const secret = manualKey((await browser.get(STEP_2)).body).replace(/\s+/g, '');
    t.clock.advance(2 * 60);
    const shown = await browser.get(STEP_2);
    expect(shown.location).toBe(`/account/reauth?next=${encodeURIComponent(STEP_2)}`);
    expect((await browser.get(shown.location ?? '')).body).not.toContain('manual-key');
    const confirm = await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
    expect(confirm.location).toMatch(/^\/account\/reauth/);
    expect(await t.ctx.store.listAuthenticators(user.id)).toEqual([]);
    // The owner gives the password: the same QR code is still there, and its code adds it.
    expect((await browser.post('/account/reauth', { password: user.password, next: STEP_2 })).location).toBe(
      STEP_2,
    );
    const again = await browser.get(STEP_2);
    expect(manualKey(again.body).replace(/\s+/g, '')).toBe(secret);
    expect((await browser.post(STEP_2, { code: totp(secret, t.clock.now()) })).location).toBe('/account');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual([
      'Chrome plugin balie',
    ]);
  });

  test('the password page for removing keeps the general text', async () => {
    const { auth, browser } = await userWithAuthenticator(t);
    t.clock.advance(16 * 60);
    const remove = `/account/authenticators/${auth.id}/remove`;
    const reauth = await browser.get(`/account/reauth?next=${encodeURIComponent(remove)}`);
    expect(reauth.body).toContain('<p>Voor deze wijziging vragen wij uw wachtwoord opnieuw.</p>');
    expect(reauth.body).not.toContain('Om een authenticator toe te voegen');
  });
});

/** Step 2's page in an app whose enrollments live `seconds` (the app replaces the shared one). */
async function atStep2ForLifetime(seconds: number, language = 'nl'): Promise<string> {
  await t.app.close();
  t = await createTestApp({ policy: { enrollmentSeconds: seconds } });
  const { browser } = await atStep2();
  return (await browser.get(STEP_2, { 'accept-language': language })).body;
}

describe('SECURITY #17: adding and removing need a recent login', () => {
  test('after 16 minutes adding asks for the password again, then continues', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    t.clock.advance(16 * 60);
    const page = await browser.get(NEW);
    expect(page.location).toBe(`/account/reauth?next=${encodeURIComponent(NEW)}`);
    expect((await browser.post(NEW, { name: 'Te laat' })).location).toMatch(/^\/account\/reauth/);
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();

    const reauth = await browser.get(page.location ?? '');
    expect(reauth.body).toContain('Bevestig uw wachtwoord');
    const wrong = await browser.post('/account/reauth', { password: 'not it', next: NEW });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toContain('Het wachtwoord is onjuist');
    expect((await browser.get(NEW)).location).toMatch(/^\/account\/reauth/);

    const ok = await browser.post('/account/reauth', { password: user.password, next: NEW });
    expect(ok.location).toBe(NEW);
    expect((await browser.get(NEW)).status).toBe(200);
    await enroll(t, browser, user, 'Na bevestiging');
  });

  test('the reauth page never redirects off-site or to an unlisted page', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account/reauth');
    for (const next of ['https://evil.example/', '//evil.example', '/account/password', '/\\evil.example']) {
      const ok = await browser.post('/account/reauth', { password: user.password, next });
      expect(ok.location).toBe('/account');
    }
  });

  test('after 16 minutes removing asks for the password again; then it removes and notifies', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    t.clock.advance(16 * 60);
    const remove = `/account/authenticators/${auth.id}/remove`;
    const get = await browser.get(remove);
    expect(get.location).toBe(`/account/reauth?next=${encodeURIComponent(remove)}`);
    const post = await browser.post(remove);
    expect(post.location).toBe(`/account/reauth?next=${encodeURIComponent(remove)}`);
    expect(await t.ctx.store.getAuthenticator(auth.id, user.id)).not.toBeNull();

    await browser.get(get.location ?? '');
    const ok = await browser.post('/account/reauth', { password: user.password, next: remove });
    expect(ok.location).toBe(remove);
    const confirm = await browser.get(remove);
    expect(confirm.body).toContain('Authenticator ‘Chrome plugin balie’ verwijderen?');
    const done = await browser.post(remove);
    expect(done.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain(
      'Authenticator ‘Chrome plugin balie’ is verwijderd.',
    );
    expect(await t.ctx.store.getAuthenticator(auth.id, user.id)).toBeNull();
    const mail = (await outbox(t)).find((m) => m.subject === 'Authenticator verwijderd');
    expect(mail?.to).toBe(user.email);
    expect(mail?.body).toContain('Chrome plugin balie');
  });

  test('a removed authenticator no longer logs in', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    await browser.post(`/account/authenticators/${auth.id}/remove`);
    t.clock.advance(30);
    const { browser: b2, page } = await passwordStep(t, user);
    expect(page.location).toBe('/login/fallback');
    const attempt = await b2.post('/login/code', {
      authenticator: auth.id,
      code: totp(auth.secret, t.clock.now()),
    });
    expect(attempt.location).toBe('/login/fallback');
    expect((await b2.get('/account')).location).toBe('/login/code');
  });
});

describe('authenticator names', () => {
  async function step1(name: string) {
    const { user, browser } = await userWithAuthenticator(t, {}, 'Chrome plugin balie');
    await browser.get(NEW);
    return { user, browser, page: await browser.post(NEW, { name }) };
  }

  test.each([
    ['empty', '   ', 'Geef de authenticator een naam.'],
    ['longer than 64 characters', 'x'.repeat(65), 'De naam mag maximaal 64 tekens lang zijn.'],
    [
      'a duplicate in another case',
      'chrome PLUGIN balie',
      'U heeft al een authenticator met de naam ‘chrome PLUGIN balie’. Kies een andere naam.',
    ],
  ])('a name that is %s is refused, and the typed name stays in the field', async (_label, name, message) => {
    const { user, browser, page } = await step1(name);
    expect(page.status).toBe(400);
    expect(page.body).toContain(message);
    expect(page.body).toMatch(new RegExp(`id="name"[^>]*value="${name}"|value="${name}"[^>]*id="name"`));
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  // A look-alike of 'Chrome plugin balie' in the login list: shown backwards from U+202E on, or
  // with a character nobody sees.
  test.each([
    ['a right-to-left override', 'Chrome plugin \u202eeilab'],
    ['a zero-width space', 'Chrome plugin balie\u200b'],
    ['a zero-width joiner', 'Chrome plu\u200dgin balie'],
    ['a soft hyphen', 'Chrome plugin ba\u00adlie'],
    ['a tag character', 'Chrome plugin balie\u{E0041}'],
    ['a Hangul filler', 'Chrome plugin\u3164balie'],
    ['a blank Braille pattern', 'Chrome plugin balie\u2800'],
    ['a DEL character', 'Chrome plugin balie\u007f'],
    ['a C1 control (NEL)', 'Chrome plugin balie\u0085'],
    ['a C1 control (CSI)', 'x\u009b31mRED'],
    ['an emoji selector (U+FE0F) after a letter', 'Chrome plugin balie\uFE0F'],
    ['an emoji selector (U+FE0F) before its emoji', 'Chrome plugin balie \uFE0F\u2764'],
    ['a zero-width joiner from an emoji to a letter', 'Chrome plugin \u{1F469}\u200Dbalie'],
    ['a zero-width joiner at the end of an emoji', 'Chrome plugin balie \u{1F469}\u200D'],
    ['a text selector (U+FE0E) after a letter', 'Chrome plugin balie\uFE0E'],
    ['a keycap selector without its keycap', 'Kamer 1\uFE0F'],
    [
      'tags after a black flag that make no flag (gbxyz)',
      'Balie \u{1F3F4}\u{E0067}\u{E0062}\u{E0078}\u{E0079}\u{E007A}\u{E007F}',
    ],
    [
      'tags hiding text after a flag',
      'Balie \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}\u{E0061}',
    ],
    ['a ZWNJ between Latin letters', 'Chrome plu\u200Cgin balie'],
    ['a ZWNJ after a Persian word, before a space', 'Balie \u0645\u06CC\u200C 2'],
    ['a ZWJ between Arabic and Latin letters', 'Balie \u0628\u200Da'],
  ])('a name with %s is refused with a Dutch message', async (_label, name) => {
    const { user, browser, page } = await step1(name);
    expect(page.status).toBe(400);
    expect(page.body).toContain('De naam bevat een onzichtbaar teken');
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test.each([
    ['a Cyrillic С', '\u0421hrome plugin balie'],
    ['a Greek ο', 'Chrome plugin behandelkam\u03bfr 1'],
    ['a Cherokee Ꭲ', 'Chrome plugin \u13a2elefoon'],
    ['an Armenian օ', 'Chrome plugin Telef\u0585on'],
  ])('a word mixing %s into Latin letters is refused with a Dutch message', async (_label, name) => {
    const { user, browser, page } = await step1(name);
    expect(page.status).toBe(400);
    expect(page.body).toContain(
      'De naam bevat een letter die op een gewone letter lijkt, maar uit een ander alfabet komt',
    );
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test.each([
    ['full-width letters', 'Ｃｈｒｏｍｅ plugin balie'],
    ['mathematical bold letters', '\u{1D402}hrome plugin balie'],
  ])('a name that only %s tell from an existing one is taken', async (_label, name) => {
    const { page } = await step1(name);
    expect(page.status).toBe(400);
    expect(page.body).toContain('U heeft al een authenticator met de naam');
  });

  test.each([
    ['a health worker (👩 ZWJ ⚕ U+FE0F)', 'Balie \u{1F469}\u200D\u2695\uFE0F'],
    ['a red heart (❤ U+FE0F)', 'Telefoon \u2764\uFE0F'],
    ['a family with a skin tone (ZWJ between pictographs)', 'Thuis \u{1F468}\u{1F3FD}\u200D\u{1F467}'],
    ['a keycap from the Windows emoji picker (1 U+FE0F U+20E3)', '1\uFE0F\u20E3 kamer'],
    ['a text-style symbol (⚕ U+FE0E)', 'Balie \u2695\uFE0E'],
    [
      'the flag of Wales (🏴 with the tags of gbwls)',
      'Cymru \u{1F3F4}\u{E0067}\u{E0062}\u{E0077}\u{E006C}\u{E0073}\u{E007F}',
    ],
    ['the flag of England', 'Balie \u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}'],
    // Joiners that spell a word: the extension keeps them too (shared/keeps-script-joiner.ts).
    ['Persian, with the ZWNJ of می‌خواهم', 'Balie \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645'],
    [
      'Persian, with the ZWNJ before a plural suffix (خانه‌ها)',
      '\u062E\u0627\u0646\u0647\u200C\u0647\u0627 2',
    ],
    ['Sinhala, with the ZWJ after the virama (ශ්‍රී)', 'Balie \u0DC1\u0DCA\u200D\u0DBB\u0DD3'],
    ['Marathi, with the ZWJ of the eyelash ra (दर्‍या)', 'Kamer \u0926\u0930\u094D\u200D\u092F\u093E'],
  ])('what is seen of a joiner, selector or tag: %s is accepted as typed', async (_label, name) => {
    const { browser, page } = await step1(name);
    expect(page.location).toBe(STEP_2);
    const pending = await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds());
    expect(pending?.name).toBe(name);
  });

  test('a UK nation flag and the black flag it is made of count as one name (a font without the flag shows them alike)', async () => {
    const england = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}';
    const scotland = '\u{1F3F4}\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}';
    const { user, browser } = await userWithAuthenticator(t, {}, 'Zorg \u{1F3F4}');
    for (const name of [`Zorg ${england}`, `Zorg ${scotland}`]) {
      await browser.get(NEW);
      const page = await browser.post(NEW, { name });
      expect(page.status).toBe(400);
      expect(page.body).toContain('U heeft al een authenticator met de naam');
    }
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test('a name that only a Persian ZWNJ tells from an existing one is taken', async () => {
    const { user, browser } = await userWithAuthenticator(
      t,
      {},
      'Balie \u0645\u06CC\u062E\u0648\u0627\u0647\u0645',
    );
    await browser.get(NEW);
    const page = await browser.post(NEW, { name: 'Balie \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645' });
    expect(page.status).toBe(400);
    expect(page.body).toContain('U heeft al een authenticator met de naam');
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test('a name that only an emoji selector tells from an existing one is taken', async () => {
    const { user, browser } = await userWithAuthenticator(t, {}, 'Telefoon \u2764');
    await browser.get(NEW);
    const page = await browser.post(NEW, { name: 'Telefoon \u2764\uFE0F' });
    expect(page.status).toBe(400);
    expect(page.body).toContain('U heeft al een authenticator met de naam');
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test('names in one script per word, also Cyrillic or Greek, are accepted', async () => {
    const { user, browser } = await step1('Телефон Иван');
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).not.toBeNull();
    expect(await t.ctx.store.listAuthenticators(user.id)).toHaveLength(1);
  });

  test('a name taken while step 2 was open (a rename in another tab) is refused at the confirmation', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t, {}, 'Chrome plugin balie');
    await browser.get(NEW);
    await browser.post(NEW, { name: 'Laptop' });
    const secret = manualKey((await browser.get(STEP_2)).body).replace(/\s+/g, '');
    await browser.get('/account');
    expect(
      (await browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'laptop' })).location,
    ).toBe('/account');
    const confirmed = await browser.post(STEP_2, { code: totp(secret, t.clock.now()) });
    expect(confirmed.location).toBe(NEW);
    expect((await browser.get(NEW)).body).toContain('U heeft al een authenticator met de naam ‘Laptop’');
    expect((await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name)).toEqual(['laptop']);
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(browser), t.ctx.nowSeconds())).toBeNull();
  });

  /**
   * Lets the first `n` calls of a store method through only once all `n` have arrived, so their
   * requests have all passed the route's own name check before any of them writes.
   */
  function together<K extends 'confirmEnrollment' | 'renameAuthenticator'>(key: K, n = 2) {
    const store = t.ctx.store;
    const original = store[key].bind(store) as (...args: unknown[]) => Promise<unknown>;
    const arrived: Array<() => void> = [];
    store[key] = (async (...args: unknown[]) => {
      if (arrived.length < n) {
        const turn = new Promise<void>((resolve) => arrived.push(resolve));
        if (arrived.length === n) for (const go of arrived) go();
        await turn;
      }
      return original(...args);
    }) as never;
  }

  test('two tabs confirming one name at the same moment: one authenticator gets it, the other starts over', async () => {
    const user = await addUser(t);
    const tabs = [await loginByEmail(t, user), await loginByEmail(t, user)];
    const secrets: string[] = [];
    for (const [i, tab] of tabs.entries()) {
      await tab.get(NEW);
      expect((await tab.post(NEW, { name: i === 0 ? 'Balie' : 'BALIE' })).location).toBe(STEP_2);
      secrets.push(manualKey((await tab.get(STEP_2)).body).replace(/\s+/g, ''));
    }
    together('confirmEnrollment');
    const answers = await Promise.all(
      tabs.map((tab, i) => tab.post(STEP_2, { code: totp(secrets[i] ?? '', t.clock.now()) })),
    );
    expect(answers.map((a) => a.location).sort()).toEqual(['/account', NEW].sort());
    const added = await t.ctx.store.listAuthenticators(user.id);
    expect(added).toHaveLength(1);
    const [first, second] = tabs;
    const loser = answers[0]?.location === NEW ? first : second;
    if (!loser) throw new Error('two tabs');
    expect((await loser.get(NEW)).body).toContain('U heeft al een authenticator met de naam');
    expect(await t.ctx.store.getPendingEnrollment(sessionHash(loser), t.ctx.nowSeconds())).toBeNull();
  });

  test('two renames to one name at the same moment: one is kept, the other is refused with the reason', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t, {}, 'Chrome plugin balie');
    const second = await enroll(t, browser, user, 'Telefoon');
    await browser.get('/account');
    together('renameAuthenticator');
    const answers = await Promise.all([
      browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'Balie' }),
      browser.post(`/account/authenticators/${second.id}/rename`, { name: 'balie' }),
    ]);
    expect(answers.map((a) => a.location)).toEqual(['/account', '/account']);
    const names = (await t.ctx.store.listAuthenticators(user.id)).map((a) => a.name).sort();
    expect([
      ['Balie', 'Telefoon'],
      ['Chrome plugin balie', 'balie'],
    ]).toContainEqual(names);
    // Each answer's own notice: one renamed, the other refused with the reason. (Read from each
    // answer, not from the page after both: the two notices share one cookie, and which answer
    // arrives last is up to the machine's load.)
    const notices = answers.map((a) => decodeURIComponent(String(a.headers['set-cookie'] ?? '')));
    expect(notices.filter((n) => n.includes('"account.renamed"'))).toHaveLength(1);
    expect(notices.filter((n) => n.includes('"enroll.nameTaken"'))).toHaveLength(1);
  });

  test('64 characters are accepted', async () => {
    const { page } = await step1('y'.repeat(64));
    expect(page.location).toBe(STEP_2);
  });

  test('a name with markup is shown as text, never as HTML', async () => {
    const { browser } = await step1('<img src=x onerror=alert(1)>');
    const page = await browser.get(STEP_2);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)>');
  });

  test('rename works, refuses a duplicate, and keeps the old name then', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    const second = await enroll(t, browser, user, 'Telefoon');
    await browser.get('/account');
    const renamed = await browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'Balie 2' });
    expect(renamed.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain('De naam is gewijzigd in ‘Balie 2’.');

    const dup = await browser.post(`/account/authenticators/${second.id}/rename`, { name: 'BALIE 2' });
    expect(dup.location).toBe('/account');
    expect((await browser.get('/account')).body).toContain(
      'U heeft al een authenticator met de naam ‘BALIE 2’',
    );
    expect((await t.ctx.store.getAuthenticator(second.id, user.id))?.name).toBe('Telefoon');

    // Changing only the case of its own name is fine.
    await browser.post(`/account/authenticators/${second.id}/rename`, { name: 'telefoon' });
    expect((await t.ctx.store.getAuthenticator(second.id, user.id))?.name).toBe('telefoon');
  });

  // Found by an attacker review: a stolen session, hours old, could rename the authenticators that
  // staff pick at login without the owner hearing of it.
  test('a rename e-mails the owner with the old and the new name; the same name again sends nothing', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    await browser.get('/account');
    const before = (await outbox(t)).length;
    t.clock.advance(7 * 3600);
    await browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'Bel 0800-1234 bij vragen' });
    const mails = (await outbox(t)).slice(before);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: user.email, subject: 'Authenticator hernoemd' });
    expect(mails[0]?.body).toContain(
      '‘Chrome plugin balie’ van uw account heet nu ‘Bel 0800-1234 bij vragen’',
    );
    await browser.get('/account');
    await browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'Bel 0800-1234 bij vragen' });
    expect((await outbox(t)).length).toBe(before + 1);
  });

  // A review of that change: a rename has no limit of its own, so a stolen session could flood the
  // owner's mailbox with rename e-mails.
  test('many renames within 10 minutes send one e-mail per authenticator; the next comes after the window', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    const second = await enroll(t, browser, user, 'Telefoon');
    await browser.get('/account');
    const before = (await outbox(t)).length;
    for (let i = 0; i < 20; i++) {
      await browser.post(`/account/authenticators/${auth.id}/rename`, { name: `Balie ${i}` });
      await browser.get('/account');
    }
    expect((await outbox(t)).length).toBe(before + 1);
    const renamed = (await outbox(t)).filter((m) => m.subject === 'Authenticator hernoemd');
    expect(renamed.map((m) => m.body.includes('kijk bij ‘Mijn gegevens’'))).toEqual([true]);
    // Another authenticator of the same user is told of on its own (two names swapped: two e-mails).
    await browser.post(`/account/authenticators/${second.id}/rename`, { name: 'Balie oud' });
    expect((await outbox(t)).length).toBe(before + 2);
    t.clock.advance(601);
    await browser.get('/account');
    await browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'Balie weer' });
    expect((await outbox(t)).length).toBe(before + 3);
  });

  test("another user's authenticator can be neither renamed nor removed", async () => {
    const victim = await userWithAuthenticator(t);
    const attacker = await userWithAuthenticator(t);
    const b = attacker.browser;
    await b.get('/account');
    const rename = await b.post(`/account/authenticators/${victim.auth.id}/rename`, { name: 'Owned' });
    expect(rename.location).toBe('/account');
    expect((await b.get('/account')).body).toContain('Deze authenticator bestaat niet (meer).');
    const remove = await b.post(`/account/authenticators/${victim.auth.id}/remove`);
    expect(remove.location).toBe('/account');
    expect((await b.get(`/account/authenticators/${victim.auth.id}/remove`)).location).toBe('/account');
    const kept = await t.ctx.store.getAuthenticator(victim.auth.id, victim.user.id);
    expect(kept?.name).toBe('Chrome plugin balie');
    await loginWithTotp(t, victim.user, victim.auth);
  });
});

test('a logged-out browser cannot reach the enrollment pages', async () => {
  const browser = new TestBrowser(t.app);
  expect((await browser.get(NEW)).location).toBe('/login');
  expect((await browser.get(STEP_2)).location).toBe('/login');
});
