import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addUser, enroll, loginByEmail } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, outbox } from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

function mobileField(body: string): string | undefined {
  return /<input[^>]*id="mobile"[^>]*>/.exec(body)?.[0].match(/value="([^"]*)"/)?.[1];
}

/** The table row of one authenticator on "Mijn gegevens". */
function row(body: string, id: string): string {
  const m = new RegExp(`<tr[^>]*data-authenticator-id="${id}"[^>]*>([\\s\\S]*?)</tr>`).exec(body);
  if (!m?.[1]) throw new Error(`no row for ${id}`);
  return m[1];
}

/** The text of the row's cells, tags stripped. */
function cells(rowHtml: string): string[] {
  return [...rowHtml.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, ''));
}

describe('Mijn gegevens: the authenticator table', () => {
  // Found by an accessibility review: a screen reader announced an unnamed table.
  test('is named by its heading, as the region that scrolls it is', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await enroll(t, browser, user, 'Chrome plugin balie');
    const page = await browser.get('/account');
    expect(page.body).toContain('<table aria-labelledby="authenticators-heading">');
    expect(page.body).toMatch(/<h3 id="authenticators-heading"[^>]*>/);
  });
});

describe('Mijn gegevens: the headings', () => {
  test('"2-Factor authenticatie" is a heading without a full stop (review finding 12)', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const page = await browser.get('/account');
    expect(page.body).toContain('<h2 id="twofactor">2-Factor authenticatie</h2>');
    const english = await browser.get('/account', { 'accept-language': 'en' });
    expect(english.body).toContain('<h2 id="twofactor">Two-factor authentication</h2>');
  });
});

describe('Mijn gegevens: the mobile number', () => {
  test("'06 12345678' is saved as +31612345678 and shown", async () => {
    const user = await addUser(t, { mobile: null });
    const browser = await loginByEmail(t, user);
    await browser.get('/account');
    const saved = await browser.post('/account/mobile', { mobile: '06 12345678' });
    expect(saved.location).toBe('/account');
    expect((await t.ctx.store.getUser(user.id))?.mobile).toBe('+31612345678');
    const page = await browser.get('/account');
    expect(page.body).toContain('Uw mobiele nummer is opgeslagen.');
    expect(mobileField(page.body)).toBe('+31612345678');
  });

  test("'abc' is refused, the typed value stays, and the number is unchanged", async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account');
    const page = await browser.post('/account/mobile', { mobile: 'abc' });
    expect(page.status).toBe(400);
    expect(page.body).toContain('Vul een geldig mobiel nummer in');
    expect(mobileField(page.body)).toBe('abc');
    expect((await t.ctx.store.getUser(user.id))?.mobile).toBe('+31612345678');
  });

  test('an empty field removes the number', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account');
    await browser.post('/account/mobile', { mobile: '' });
    expect((await t.ctx.store.getUser(user.id))?.mobile).toBeNull();
  });

  // SECURITY #29: the number receives fallback codes (a second factor): a stolen session that is
  // no longer fresh cannot redirect them, and the owner hears of every change.
  test('an hour after the password, a change asks for the password again and keeps what was typed', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account');
    t.clock.advance(t.ctx.policy.recentAuthSeconds + 1);
    const asked = await browser.post('/account/mobile', { mobile: '06 87654321' });
    expect(asked.location).toBe(`/account/reauth?next=${encodeURIComponent('/account')}`);
    // What was typed is kept in a signed cookie, not in the address.
    expect(asked.location).not.toContain('8765');
    expect((await t.ctx.store.getUser(user.id))?.mobile).toBe('+31612345678');
    expect((await outbox(t)).filter((m) => m.subject?.includes('mobiele nummer'))).toEqual([]);

    await browser.get(asked.location ?? '');
    const confirmed = await browser.post('/account/reauth', { password: user.password, next: '/account' });
    expect(confirmed.location).toBe('/account');
    const form = await browser.get(confirmed.location ?? '');
    expect(mobileField(form.body)).toBe('06 87654321');
    // Said, and the field focused and described by it: the number shown is not the one stored yet.
    expect(form.body).toContain('Dit nummer is nog niet opgeslagen. Controleer het en klik op ‘Opslaan’.');
    const field = /<input[^>]*id="mobile"[^>]*>/.exec(form.body)?.[0] ?? '';
    expect(field).toContain('autofocus');
    expect(field).toContain('aria-describedby="mobile-draft"');
    // Once: the next visit shows the saved number again, without the notice.
    const next = await browser.get('/account');
    expect(mobileField(next.body)).toBe('+31612345678');
    expect(next.body).not.toContain('nog niet opgeslagen');
    expect((await browser.post('/account/mobile', { mobile: '06 87654321' })).location).toBe('/account');
    expect((await t.ctx.store.getUser(user.id))?.mobile).toBe('+31687654321');
  });

  test("a crafted link or cookie cannot put a number of an attacker's choosing in the field", async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const linked = await browser.get('/account?mobile=%2B31%206%2066666666');
    expect(linked.status).toBe(200);
    expect(mobileField(linked.body)).toBe('+31612345678');
    expect(linked.body).not.toContain('66666666');
    // A cookie set from elsewhere (a sibling domain) carries no valid signature.
    browser.cookies.set('mobile-draft', '+31 6 66666666');
    const forged = await browser.get('/account');
    expect(mobileField(forged.body)).toBe('+31612345678');
    expect(forged.body).not.toContain('66666666');
  });

  test("a kept number or a notice made in an attacker's own account shows in no other browser", async () => {
    const attacker = await loginByEmail(t, await addUser(t));
    const victim = await loginByEmail(t, await addUser(t));
    t.clock.advance(t.ctx.policy.recentAuthSeconds + 1);
    await attacker.get('/account');
    await attacker.post('/account/mobile', { mobile: '+31 6 99999999' });
    const draft = attacker.cookies.get('mobile-draft');
    expect(draft).toBeDefined();
    // Planted in the victim's browser (a sibling host can set cookies for the portal's domain).
    victim.cookies.set('mobile-draft', draft ?? '');
    const page = await victim.get('/account');
    expect(mobileField(page.body)).toBe('+31612345678');
    expect(page.body).not.toContain('99999999');
  });

  test('a notice copied from a response is not shown once its minute is over', async () => {
    const browser = await loginByEmail(t, await addUser(t));
    await browser.get('/account');
    const logout = await browser.post('/logout');
    const notice = browser.cookies.get('flash');
    expect(notice).toBeDefined();
    expect((await browser.get('/login')).body).toContain('U bent uitgelogd.');
    const later = await loginByEmail(t, await addUser(t));
    t.clock.advance(61);
    later.cookies.set('flash', notice ?? '');
    expect((await later.get('/account')).body).not.toContain('U bent uitgelogd.');
    expect(logout.location).toBe('/login');
  });

  test('a change is told by e-mail and to the old number, and logged without the numbers', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account');
    await browser.post('/account/mobile', { mobile: '+31 6 87654321' });
    const messages = await outbox(t);
    const mail = messages.find(
      (m) => m.channel === 'email' && m.subject === 'Uw mobiele nummer is gewijzigd',
    );
    expect(mail?.to).toBe(user.email);
    expect(mail?.body).toContain('+31 *** ** 78');
    expect(mail?.body).toContain('+31 *** ** 21');
    const sms = messages.find((m) => m.channel === 'sms' && m.to === '+31612345678');
    expect(sms?.body).toContain('geen inlogcodes meer');
    const logged = t.logs.filter((l) => l.includes('"mobile.changed"'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain('87654321');
    expect(logged[0]).not.toContain('12345678');
  });

  test.each([
    [
      'nl',
      'Uw mobiele nummer is verwijderd',
      'Het mobiele nummer +31 *** ** 78 is verwijderd; u ontvangt geen inlogcodes per SMS meer.',
      'Dit nummer ontvangt geen inlogcodes meer voor uw account; uw mobiele nummer is verwijderd.',
    ],
    [
      'en',
      'Your mobile number has been removed',
      'The mobile number +31 *** ** 78 has been removed; you will no longer receive login codes by SMS.',
      'This number no longer receives login codes for your account; your mobile number has been removed.',
    ],
  ])(
    'a removed number (%s) is worded as removed in the e-mail and the SMS, not as "—"',
    async (lang, subject, mail, sms) => {
      const user = await addUser(t);
      const browser = await loginByEmail(t, user);
      await browser.get('/account');
      await browser.post('/account/mobile', { mobile: '' }, { 'accept-language': lang });
      const messages = (await outbox(t)).filter((m) => !/\b\d{6}\b/.test(m.body));
      const email = messages.find((m) => m.channel === 'email');
      expect(email?.subject).toBe(subject);
      expect(email?.body).toContain(mail);
      const text = messages.find((m) => m.channel === 'sms' && m.to === '+31612345678');
      expect(text?.body).toContain(sms);
      for (const m of messages) expect(m.body).not.toContain('—');
      // The page says it as well: removed, not "opgeslagen".
      const page = await browser.get('/account', { 'accept-language': lang });
      expect(page.body).toContain(
        lang === 'nl' ? 'Uw mobiele nummer is verwijderd.' : 'Your mobile number has been removed.',
      );
      expect(page.body).not.toContain(lang === 'nl' ? 'is opgeslagen' : 'has been saved');
    },
  );

  test.each([
    [
      'nl',
      'Uw mobiele nummer is ingesteld',
      'Voor inlogcodes per SMS is het mobiele nummer +31 *** ** 78 ingesteld.',
    ],
    [
      'en',
      'Your mobile number has been set',
      'The mobile number +31 *** ** 78 has been set for login codes by SMS.',
    ],
  ])(
    'a first number (%s) is worded as set, without "—" for the old one, and no SMS',
    async (lang, subject, mail) => {
      const user = await addUser(t, { mobile: null });
      const browser = await loginByEmail(t, user);
      await browser.get('/account');
      await browser.post('/account/mobile', { mobile: '06 12345678' }, { 'accept-language': lang });
      const messages = (await outbox(t)).filter((m) => !/\b\d{6}\b/.test(m.body));
      expect(messages).toHaveLength(1);
      expect(messages[0]?.subject).toBe(subject);
      expect(messages[0]?.body).toContain(mail);
      expect(messages[0]?.body).not.toContain('—');
    },
  );

  test('saving the same number again tells nobody', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    await browser.get('/account');
    const before = (await outbox(t)).length;
    await browser.post('/account/mobile', { mobile: '06 12345678' });
    expect((await outbox(t)).length).toBe(before);
  });

  test('the page shows username, e-mail and organisation', async () => {
    const user = await addUser(t, { organisation: 'Demo Praktijk' });
    const browser = await loginByEmail(t, user);
    const page = await browser.get('/account');
    expect(page.body).toContain(user.username);
    expect(page.body).toContain(user.email);
    expect(page.body).toContain('Demo Praktijk');
    expect(page.body).toContain('Wijzig wachtwoord');
    expect(page.body).toContain('Voeg authenticator toe');
  });
});

describe('Mijn gegevens: the authenticator list', () => {
  test('lists name and the date it was added', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const { id } = await enroll(t, browser, user, 'Chrome plugin balie');
    const [name, added] = cells(row((await browser.get('/account')).body, id));
    expect(name).toBe('Chrome plugin balie');
    // The clock stands at 28 November 2026, 12:00 UTC: that date in any time zone from −12 to +11.
    expect(added).toContain('28-11-2026');
  });

  test("'Laatst gebruikt' is 'Nooit' before the first login with it", async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    const { id } = await enroll(t, browser, user, 'Chrome plugin balie');
    const [, , lastUsed] = cells(row((await browser.get('/account')).body, id));
    expect(lastUsed).toBe('Nooit');
  });

  test("'Laatst gebruikt' shows the day of the last login with it", async () => {
    const user = await addUser(t);
    const first = await loginByEmail(t, user);
    const auth = await enroll(t, first, user, 'Chrome plugin balie');
    t.clock.advance(24 * 3600);
    const { browser } = await loginWithTotp(t, user, auth);
    const [, added, lastUsed] = cells(row((await browser.get('/account')).body, auth.id));
    expect(added).toContain('28-11-2026');
    expect(lastUsed).toContain('29-11-2026');
  });

  test('a user without authenticators is told so', async () => {
    const user = await addUser(t);
    const browser = await loginByEmail(t, user);
    expect((await browser.get('/account')).body).toContain('U heeft nog geen authenticator toegevoegd.');
  });
});
