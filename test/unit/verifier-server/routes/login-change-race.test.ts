/**
 * A password change ends every other session and revokes every remembered browser (SECURITY #18),
 * also the one a login is starting at that very moment: someone who knows the old password and
 * keeps logging in (with a stolen remember cookie, or up to the code step) must not come out of
 * the change with a session. And removing an authenticator revokes a remember token that a code
 * step on it is storing at the same moment, and ends the session that step moves on (SECURITY #29).
 * Both stores; the PostgreSQL cases widen the real window (a few milliseconds) with a sleeping
 * trigger.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { passwordStep, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { TEST_STORE } from '../../../support/verifier-test-store';
import { loginWithTotp, seededUser } from './route-test-helpers';

const NEW_PASSWORD = 'een heel nieuw wachtwoord';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

/** The next password check answers only after `ms` (argon2id takes tens of ms in production). */
function slowNextPasswordCheck(ms: number) {
  const verify = t.ctx.passwords.verify.bind(t.ctx.passwords);
  let slowed = false;
  t.ctx.passwords.verify = async (...args) => {
    const slow = !slowed;
    slowed = true;
    const ok = await verify(...args);
    if (slow) await new Promise((resolve) => setTimeout(resolve, ms));
    return ok;
  };
}

async function changePassword(browser: TestBrowser, current: string) {
  await browser.get('/account/password');
  const changed = await browser.post('/account/password', {
    current,
    new: NEW_PASSWORD,
    confirm: NEW_PASSWORD,
  });
  expect(changed.location).toBe('/account');
}

const sessionsOf = async (userId: number) =>
  (
    await t.database?.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE user_id = $1', [
      userId,
    ])
  )?.[0]?.n;

describe('a login whose password is being checked while the password is changed', () => {
  test.each([
    ['a remembered browser (it would skip the code)', true],
    ['a browser that would go on to the code step', false],
  ])('%s: the login is refused and leaves no session', async (_, remember) => {
    const { user, auth } = await seededUser(t);
    const attacker = new TestBrowser(t.app, '198.51.100.20');
    if (remember) {
      await loginWithTotp(t, user, auth, { browser: attacker, remember: true });
      await attacker.post('/logout', {});
    }
    const { browser: owner } = await loginWithTotp(t, user, auth);

    slowNextPasswordCheck(400);
    await attacker.get('/login');
    const attempt = attacker.post('/login', { username: user.username, password: user.password });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await changePassword(owner, user.password);
    const answer = await attempt;

    expect(answer.status).toBe(401);
    expect(answer.body).toContain('Gebruikersnaam of wachtwoord onjuist');
    expect((await attacker.get('/account')).location).toBe('/login');
    expect((await attacker.get('/login/code')).location).toBe('/login');
    // The owner's own session stays; nothing else is left.
    expect((await owner.get('/account')).status).toBe(200);
    if (t.database) expect(await sessionsOf(user.id)).toBe(1);
  });

  test('"Vergeet alle browsers" while a remembered browser logs in: the password still holds, so on to the code step', async () => {
    const { user, auth } = await seededUser(t);
    const remembered = new TestBrowser(t.app, '198.51.100.22');
    await loginWithTotp(t, user, auth, { browser: remembered, remember: true });
    await remembered.post('/logout', {});
    const { browser: owner } = await loginWithTotp(t, user, auth);

    slowNextPasswordCheck(400);
    await remembered.get('/login');
    const attempt = remembered.post('/login', { username: user.username, password: user.password });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await owner.get('/account');
    expect((await owner.post('/account/forget-browsers', {})).location).toBe('/account');
    const answer = await attempt;

    expect(answer.location).toBe('/login/code');
    expect((await remembered.get('/account')).location).toBe('/login/code');
  });

  test('a login that checks the new password after the change goes on as usual', async () => {
    const { user, auth } = await seededUser(t);
    const { browser: owner } = await loginWithTotp(t, user, auth);
    await changePassword(owner, user.password);
    const { page } = await passwordStep(t, { ...user, password: NEW_PASSWORD });
    expect(page.location).toBe('/login/code');
  });
});

describe.skipIf(TEST_STORE !== 'postgres')(
  'PostgreSQL: the change and the login meet inside the database',
  () => {
    test('a session stored on the old password while the change waits for it is ended by the change', async () => {
      const db = t.database;
      if (db?.kind !== 'postgres') throw new Error('a PostgreSQL test database');
      const { user, auth } = await seededUser(t);
      const { browser: owner } = await loginWithTotp(t, user, auth);
      // The login's insert (which holds the user's row) sleeps 0.5 s before it commits; the change
      // starts meanwhile and must wait for it, then end that session.
      await db.query(
        `CREATE FUNCTION slow_session() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.stage = 'mfa' THEN PERFORM pg_sleep(0.5); END IF; RETURN NEW; END $$`,
      );
      await db.query(
        'CREATE TRIGGER slow_session BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION slow_session()',
      );
      const attacker = new TestBrowser(t.app, '198.51.100.21');
      await attacker.get('/login');
      const attempt = attacker.post('/login', { username: user.username, password: user.password });
      await new Promise((resolve) => setTimeout(resolve, 250));
      await changePassword(owner, user.password);
      await attempt;
      expect((await attacker.get('/login/code')).location).toBe('/login');
      expect(await sessionsOf(user.id)).toBe(1);
    });

    test('a password change while a code step is under way: both finish, neither deadlocks', async () => {
      const db = t.database;
      if (db?.kind !== 'postgres') throw new Error('a PostgreSQL test database');
      const { user, auth } = await seededUser(t);
      // A remembered browser, so the change has a token to revoke; its revocation sleeps 0.5 s while
      // the change holds what it took first, and the code step starts meanwhile.
      await loginWithTotp(t, user, auth, { remember: true });
      const { browser: owner } = await loginWithTotp(t, user, auth);
      t.clock.advance(30);
      const { browser } = await passwordStep(t, user, new TestBrowser(t.app, '198.51.100.23'));
      await browser.get('/login/code');
      await db.query(
        `CREATE FUNCTION slow_revoke() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$`,
      );
      await db.query(
        'CREATE TRIGGER slow_revoke BEFORE UPDATE ON remember_tokens FOR EACH ROW EXECUTE FUNCTION slow_revoke()',
      );
      await owner.get('/account/password');
      const change = owner.post('/account/password', {
        current: user.password,
        new: NEW_PASSWORD,
        confirm: NEW_PASSWORD,
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      const code = await browser.post('/login/code', {
        authenticator: auth.id,
        code: totp(auth.secret, t.clock.now()),
      });
      expect((await change).location).toBe('/account');
      // The change ended that half-logged-in session first: the code finds no session. No 503.
      expect(code.status).not.toBe(503);
      expect(t.logs.some((line) => line.includes('deadlock'))).toBe(false);
      expect((await browser.get('/account')).location).toBe('/login');
    });

    test('an authenticator removed while a code step on it stores its remember token: that token is revoked, that session ended', async () => {
      const db = t.database;
      if (db?.kind !== 'postgres') throw new Error('a PostgreSQL test database');
      const { user, auth } = await seededUser(t);
      await db.query(
        `CREATE FUNCTION slow_token() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$`,
      );
      await db.query(
        'CREATE TRIGGER slow_token BEFORE INSERT ON remember_tokens FOR EACH ROW EXECUTE FUNCTION slow_token()',
      );
      t.clock.advance(30);
      const { browser } = await passwordStep(t, user);
      await browser.get('/login/code');
      const login = browser.post('/login/code', {
        authenticator: auth.id,
        code: totp(auth.secret, t.clock.now()),
        remember: '1',
      });
      await new Promise((resolve) => setTimeout(resolve, 250));
      expect(await t.ctx.store.removeAuthenticator(auth.id, user.id, null)).toBe(true);
      await login;
      const tokens = await db.query<{ revoked: boolean }>('SELECT revoked FROM remember_tokens');
      expect(tokens.length).toBeGreaterThan(0);
      expect(tokens.every((token) => token.revoked)).toBe(true);
      // The session the code step rotated to full while the removal waited for it is ended too.
      expect((await browser.get('/account')).location).toBe('/login');
      expect(await sessionsOf(user.id)).toBe(0);
    });

    test('an authenticator removal while a code step on it is under way in another browser: both finish, that session ends, no 503', async () => {
      // (A deadlock between the two would be retried by PostgreSQL's abort and our retry without an
      // answer a user sees; what the user sees is asserted here: both requests finish, correctly.)
      const db = t.database;
      if (db?.kind !== 'postgres') throw new Error('a PostgreSQL test database');
      const { user, auth } = await seededUser(t);
      // A remembered browser, so the removal has a token to revoke; its revocation sleeps 0.5 s while
      // the removal holds what it took first, and the code step starts meanwhile.
      await loginWithTotp(t, user, auth, { remember: true });
      const { browser: owner } = await loginWithTotp(t, user, auth);
      t.clock.advance(30);
      const { browser } = await passwordStep(t, user, new TestBrowser(t.app, '198.51.100.24'));
      await browser.get('/login/code');
      await db.query(
        `CREATE FUNCTION slow_revoke() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$`,
      );
      await db.query(
        'CREATE TRIGGER slow_revoke BEFORE UPDATE ON remember_tokens FOR EACH ROW EXECUTE FUNCTION slow_revoke()',
      );
      const remove = `/account/authenticators/${auth.id}/remove`;
      await owner.get(remove);
      const removal = owner.post(remove);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const code = await browser.post('/login/code', {
        authenticator: auth.id,
        code: totp(auth.secret, t.clock.now()),
      });
      expect((await removal).location).toBe('/account');
      // The removal ended that half-logged-in session first: the code finds no session. No 503.
      expect(code.status).not.toBe(503);
      expect(t.logs.some((line) => line.includes('deadlock'))).toBe(false);
      expect((await browser.get('/account')).location).toBe('/login');
      expect((await owner.get('/account')).status).toBe(200);
      expect(await sessionsOf(user.id)).toBe(1);
    });
  },
);
