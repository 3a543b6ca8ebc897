import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { TooBusyError } from '../../../../verifier-server/auth/hash-limiter';
import { randomToken } from '../../../../verifier-server/auth/tokens';
import { PRODUCTION_ARGON2 } from '../../../../verifier-server/config';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, passwordStep, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import {
  browserWithCookies,
  loginWithTotp,
  outbox,
  sessionHash,
  sid,
  stripCsrf,
  userWithAuthenticator,
} from './route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

async function tryLogin(username: string, password: string) {
  const browser = new TestBrowser(t.app);
  await browser.get('/login');
  const response = await t.app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: browser.csrf ?? '', username, password }).toString(),
  });
  return response;
}

describe('SECURITY #13: the password step does not reveal whether a user exists', () => {
  test('an unknown user and a wrong password get the same status, page and cookies', async () => {
    // The same request twice: first while "alice" does not exist, then once she does.
    const unknown = await tryLogin('alice', 'not her password');
    await addUser(t, { username: 'alice', password: 'alice her real password' });
    const wrong = await tryLogin('alice', 'not her password');

    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toContain('Gebruikersnaam of wachtwoord onjuist.');
    expect(stripCsrf(wrong.body)).toBe(stripCsrf(unknown.body));
    const names = (r: typeof unknown) => r.cookies.map((c) => c.name).sort();
    expect(names(wrong)).toEqual(names(unknown));
    expect(wrong.cookies.some((c) => c.name === 'sid')).toBe(false);
  });

  test('a different unknown name gives the same page apart from the echoed name', async () => {
    await addUser(t, { username: 'bob', password: 'bob his real password' });
    const unknown = await tryLogin('nobody', 'whatever');
    const wrong = await tryLogin('bob', 'whatever');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    const normalise = (body: string, name: string) =>
      stripCsrf(body).replace(`value="${name}"`, 'value="NAME"');
    expect(normalise(wrong.body, 'bob')).toBe(normalise(unknown.body, 'nobody'));
  });

  test('both paths verify a password hash (the unknown user against a dummy hash)', async () => {
    await addUser(t, { username: 'carol', password: 'carol her real password' });
    const verify = vi.spyOn(t.ctx.passwords, 'verify');
    // Awaited in both paths: when the answer has come, that call's promise has settled.
    await tryLogin('nobody', 'x');
    expect(verify.mock.settledResults.at(-1)?.type).toBe('fulfilled');
    await tryLogin('carol', 'x');
    expect(verify.mock.settledResults.at(-1)?.type).toBe('fulfilled');
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify.mock.calls[0]?.[1]).toBeNull();
    expect(typeof verify.mock.calls[1]?.[1]).toBe('string');
    await expect(verify.mock.results[0]?.value).resolves.toBe(false);
    await expect(verify.mock.results[1]?.value).resolves.toBe(false);
  });

  test.each([
    ['the Kelvin sign for K', 'kees', 'kaas', (name: string) => name.replace('k', '\u212a')],
    ['a dotted capital I', 'iris', 'ines', (name: string) => name.replace('i', '\u0130')],
  ])(
    'a spelling only Unicode case folding joins to a name (%s) shares no counter that could tell whether the name exists',
    async (_, known, unknown, variant) => {
      await addUser(t, { username: known, password: 'the real password of this user' });
      // Enough wrong passwords typed in the variant spelling to start the delay, then one typed
      // plainly: the answer must not depend on whether the plain name exists.
      const probe = async (name: string) => {
        const browser = new TestBrowser(t.app, name === known ? '198.51.100.30' : '198.51.100.31');
        await browser.get('/login');
        for (let i = 0; i <= t.ctx.policy.freeLoginFailures; i++)
          await browser.post('/login', { username: variant(name), password: `wrong ${i}` });
        return (await browser.post('/login', { username: name, password: 'wrong again' })).status;
      };
      expect(await probe(known)).toBe(await probe(unknown));
    },
  );

  test('a login refused because hashing is saturated (429) is not counted as a wrong password', async () => {
    const user = await addUser(t, { username: 'dana', password: 'dana her real password' });
    const claim = vi.spyOn(t.ctx.store, 'claimLoginAttempt');
    const room = vi.spyOn(t.ctx.passwords, 'ensureRoom').mockImplementation(() => {
      throw new TooBusyError('password hashing is saturated');
    });
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    for (let i = 0; i <= t.ctx.policy.freeLoginFailures; i++) {
      const busy = await browser.post('/login', { username: user.username, password: user.password });
      expect(busy.status).toBe(429);
    }
    expect(claim).not.toHaveBeenCalled();
    room.mockRestore();
    // Not held back by those attempts: on to the second step at once.
    const page = await browser.post('/login', { username: user.username, password: user.password });
    expect(page.location).toBe('/login/fallback');
  });

  test('the dummy hash never lets an unknown user in, whatever the password', async () => {
    const response = await tryLogin('ghost', '');
    expect(response.statusCode).toBe(401);
    expect(response.cookies.some((c) => c.name === 'sid')).toBe(false);
  });
});

/** The `login.failed` events logged so far. */
function failedLogins(): Array<{ reason?: string; userId?: number }> {
  return t.logs
    .map((line) => JSON.parse(line) as { event?: string; reason?: string; userId?: number })
    .filter((entry) => entry.event === 'login.failed');
}

describe('login.failed names the account in the log when the name found one, and only there', () => {
  test('a wrong password logs the user id; an unknown name logs none; both get the same page', async () => {
    const unknown = await tryLogin('erik', 'not his password');
    const user = await addUser(t, { username: 'erik', password: 'erik his real password' });
    const wrong = await tryLogin('erik', 'not his password');
    expect(stripCsrf(wrong.body)).toBe(stripCsrf(unknown.body));
    expect(wrong.statusCode).toBe(unknown.statusCode);
    const [first, second] = failedLogins();
    expect(first).toMatchObject({ reason: 'wrong' });
    expect(first).not.toHaveProperty('userId');
    expect(second).toMatchObject({ reason: 'wrong', userId: user.id });
  });

  test('a refusal while the name must wait logs the user id too', async () => {
    const user = await addUser(t, { username: 'fien', password: 'fien her real password' });
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    let page = await browser.post('/login', { username: user.username, password: 'wrong' });
    for (let i = 0; i < 10 && page.status !== 429; i++)
      page = await browser.post('/login', { username: user.username, password: `wrong ${i}` });
    expect(page.status).toBe(429);
    expect(failedLogins().at(-1)).toMatchObject({ reason: 'wait', userId: user.id });
  });
});

describe('SECURITY #30: the password-hashing queue under a flood', () => {
  test('the /64s of one IPv6 /48 flooding the password step do not keep out a user from elsewhere', async () => {
    // Production's argon2id cost, so that the flood's hashes are still queued when the user comes.
    await t.app.close();
    t = await createTestApp({ config: { argon2: PRODUCTION_ARGON2 } });
    const user = await addUser(t, { username: 'erik', password: 'erik his real password' });
    const floodSize = 100;
    // The worst case for the queue: the flood's claims answered at the same moment, and the
    // user's request reaching the queue right after them.
    let floodQueued: () => void = () => undefined;
    const queued = new Promise<void>((resolve) => {
      floodQueued = resolve;
    });
    const arrived: Array<() => void> = [];
    const claim = t.ctx.store.claimLoginAttempt.bind(t.ctx.store);
    const find = t.ctx.store.findUserByName.bind(t.ctx.store);
    Object.assign(t.ctx.store, {
      claimLoginAttempt: async (...args: Parameters<typeof claim>) => {
        const result = await claim(...args);
        if (arrived.length === floodSize) return result;
        await new Promise<void>((resolve) => {
          arrived.push(resolve);
          if (arrived.length < floodSize) return;
          for (const go of arrived) go();
          floodQueued();
        });
        return result;
      },
      findUserByName: async (...args: Parameters<typeof find>) => {
        const found = await find(...args);
        if (args[0] === user.username) await queued.then(() => new Promise((go) => setImmediate(go)));
        return found;
      },
    });
    const flood = Array.from({ length: floodSize }, async (_, i) => {
      const browser = new TestBrowser(t.app, `2001:db8:66:${i.toString(16)}::1`);
      await browser.get('/login');
      return browser.post('/login', { username: `nobody${i}`, password: 'guess' });
    });
    const browser = new TestBrowser(t.app, '2001:db8:77:1::1');
    await browser.get('/login');
    const page = await browser.post('/login', { username: user.username, password: user.password });
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login/fallback');
    // The flood's /48 had its hashes running and its share waiting; the rest was refused.
    const answers = await Promise.all(flood);
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(
      floodSize - t.config.passwordConcurrency - t.config.passwordPerGroup,
    );
  }, 60_000);
});

describe('SECURITY #14: a new session id after the password step and after the second factor', () => {
  test('the cookie changes at each step and the old values open nothing', async () => {
    const { user, auth } = await userWithAuthenticator(t);
    t.clock.advance(30);
    const { browser, page } = await passwordStep(t, user);
    expect(page.location).toBe('/login/code');
    const halfway = sid(browser);
    expect(halfway).toBeDefined();

    await browser.get('/login/code');
    const done = await browser.post('/login/code', {
      authenticator: auth.id,
      code: totp(auth.secret, t.clock.now()),
    });
    expect(done.location).toBe('/account');
    const full = sid(browser);
    expect(full).toBeDefined();
    expect(full).not.toBe(halfway);
    expect((await browser.get('/account')).status).toBe(200);

    // The same session's selector with its old validator: the row is the same, the cookie is not.
    expect(full?.split('.')[0]).toBe(halfway?.split('.')[0]);
    const replay = browserWithCookies(t, { sid: halfway ?? '' });
    expect((await replay.get('/account')).location).toBe('/login');
    expect((await replay.get('/login/code')).location).toBe('/login');
  });

  test("a session's selector with a validator of one's own opens nothing and cannot log the session out", async () => {
    const { browser } = await userWithAuthenticator(t);
    const [selector] = (sid(browser) ?? '').split('.');
    const forged = browserWithCookies(t, { sid: `${selector}.${randomToken()}` });
    expect((await forged.get('/account')).location).toBe('/login');
    await forged.get('/login');
    expect((await forged.post('/logout')).location).toBe('/login');
    expect((await browser.get('/account')).status).toBe(200);
  });

  test("a forged validator on a half-logged-in session's selector: the code is not checked, the real session still logs in", async () => {
    const { user, auth } = await userWithAuthenticator(t);
    t.clock.advance(30);
    const { browser } = await passwordStep(t, user);
    await browser.get('/login/code');
    const [selector] = (sid(browser) ?? '').split('.');
    const forged = browserWithCookies(t, { sid: `${selector}.${randomToken()}` });
    await forged.get('/login');
    const code = totp(auth.secret, t.clock.now());
    expect((await forged.post('/login/code', { authenticator: auth.id, code })).location).toBe('/login');
    expect((await forged.get('/account')).location).toBe('/login');
    expect((await t.ctx.store.getUser(user.id))?.failedAttempts).toBe(0);
    expect((await browser.post('/login/code', { authenticator: auth.id, code })).location).toBe('/account');
  });

  test('logging in again in the same browser replaces the earlier session', async () => {
    const { user, auth, browser } = await userWithAuthenticator(t);
    const before = sid(browser);
    await loginWithTotp(t, user, auth, { browser });
    expect(sid(browser)).not.toBe(before);
    const replay = browserWithCookies(t, { sid: before ?? '' });
    expect((await replay.get('/account')).location).toBe('/login');
  });

  test("an attacker's planted half-session does not become the victim's session", async () => {
    const { user, auth } = await userWithAuthenticator(t);
    t.clock.advance(30);
    const { browser: attacker } = await passwordStep(t, user);
    const planted = sid(attacker) ?? '';
    const victim = browserWithCookies(t, { sid: planted });
    await loginWithTotp(t, user, auth, { browser: victim });
    expect(sid(victim)).not.toBe(planted);
    expect((await attacker.get('/account')).location).toBe('/login');
  });

  test('after "Uitloggen" the old cookie opens nothing', async () => {
    const { browser } = await userWithAuthenticator(t);
    const before = sid(browser) ?? '';
    const out = await browser.post('/logout');
    expect(out.location).toBe('/login');
    expect(sid(browser)).toBeUndefined();
    expect((await browser.visit('/login')).body).toContain('U bent uitgelogd.');
    const replay = browserWithCookies(t, { sid: before });
    expect((await replay.get('/account')).location).toBe('/login');
  });
});

describe('SECURITY #14: a full session ends 8 hours after its second factor, whatever happens meanwhile', () => {
  const EIGHT_HOURS = 8 * 60 * 60;

  test('open one second before the 8 hours, closed at them', async () => {
    const { browser } = await userWithAuthenticator(t);
    t.clock.advance(EIGHT_HOURS - 1);
    expect((await browser.get('/account')).status).toBe(200);
    t.clock.advance(1);
    expect((await browser.get('/account')).location).toBe('/login');
  });

  test('"Bevestig uw wachtwoord" and a password change give a new id, not another 8 hours', async () => {
    const { user, browser } = await userWithAuthenticator(t);
    t.clock.advance(7 * 60 * 60);
    await browser.get('/account/reauth');
    const reauth = await browser.post('/account/reauth', { password: user.password, next: '/account' });
    expect(reauth.location).toBe('/account');
    const before = sid(browser);
    await browser.get('/account/password');
    const changed = await browser.post('/account/password', {
      current: user.password,
      new: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(changed.location).toBe('/account');
    expect(sid(browser)).not.toBe(before);
    expect((await browser.get('/account')).status).toBe(200);
    t.clock.advance(EIGHT_HOURS - 7 * 60 * 60);
    expect((await browser.get('/account')).location).toBe('/login');
  });
});

describe('the session ends while its password is checked or hashed (a logout in another tab)', () => {
  /** Runs `work`, after ending the browser's session: the race, forced. */
  const endingSession = (browser: TestBrowser) => {
    const key = sessionHash(browser);
    return async <T>(work: () => Promise<T>): Promise<T> => {
      await t.ctx.store.deleteSession(key);
      return work();
    };
  };

  test('a password change: the password is changed and told, and the browser is sent to log in with it', async () => {
    const { user, browser } = await userWithAuthenticator(t);
    await browser.get('/account/password');
    const hash = t.ctx.passwords.hash.bind(t.ctx.passwords);
    const ending = endingSession(browser);
    vi.spyOn(t.ctx.passwords, 'hash').mockImplementation((...args) => ending(() => hash(...args)));
    const page = await browser.post('/account/password', {
      current: user.password,
      new: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(page.location).toBe('/login');
    expect((await browser.visit('/login')).body).toContain(
      'Uw wachtwoord is gewijzigd en u bent overal uitgelogd.',
    );
    expect((await browser.get('/account')).location).toBe('/login');
    const again = await passwordStep(t, { ...user, password: 'a brand new password' });
    expect(again.page.location).toBe('/login/code');
    expect((await outbox(t)).some((m) => m.subject?.includes('wachtwoord'))).toBe(true);
  });

  test('"Bevestig uw wachtwoord": the ended session is not revived; back to the login page', async () => {
    const { user, browser } = await userWithAuthenticator(t);
    await browser.get('/account/reauth');
    const verify = t.ctx.passwords.verify.bind(t.ctx.passwords);
    const ending = endingSession(browser);
    vi.spyOn(t.ctx.passwords, 'verify').mockImplementation((...args) => ending(() => verify(...args)));
    const page = await browser.post('/account/reauth', { password: user.password, next: '/account' });
    expect(page.location).toBe('/login');
    expect((await browser.visit('/login')).body).toContain('U bent uitgelogd.');
    expect((await browser.get('/account')).location).toBe('/login');
  });
});

describe('SECURITY #15: the half-logged-in state opens nothing else and expires', () => {
  async function halfLoggedIn() {
    const { user, auth } = await userWithAuthenticator(t, { mobile: '+31611111111' });
    t.clock.advance(30);
    const { browser } = await passwordStep(t, user);
    await browser.get('/login/code');
    return { user, auth, browser };
  }

  test.each([
    '/account',
    '/account/authenticators/new',
    '/account/authenticators/new/step-2',
    '/account/password',
    '/account/reauth',
  ])('GET %s sends it back to /login/code', async (url) => {
    const { browser } = await halfLoggedIn();
    const page = await browser.get(url);
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login/code');
  });

  test('POSTs of a full session are refused and change nothing', async () => {
    const { user, auth, browser } = await halfLoggedIn();
    const mobile = await browser.post('/account/mobile', { mobile: '+31622222222' });
    expect(mobile.location).toBe('/login/code');
    expect((await t.ctx.store.getUser(user.id))?.mobile).toBe('+31611111111');

    const name = await browser.post('/account/authenticators/new', { name: 'Sneaky' });
    expect(name.location).toBe('/login/code');
    const rename = await browser.post(`/account/authenticators/${auth.id}/rename`, { name: 'Renamed' });
    expect(rename.location).toBe('/login/code');
    const remove = await browser.post(`/account/authenticators/${auth.id}/remove`);
    expect(remove.location).toBe('/login/code');
    const list = await t.ctx.store.listAuthenticators(user.id);
    expect(list.map((a) => a.name)).toEqual(['Chrome plugin balie']);

    const hashBefore = (await t.ctx.store.getUser(user.id))?.passwordHash;
    const pw = await browser.post('/account/password', {
      current: user.password,
      new: 'a brand new password',
      confirm: 'a brand new password',
    });
    expect(pw.location).toBe('/login/code');
    expect((await t.ctx.store.getUser(user.id))?.passwordHash).toBe(hashBefore);
  });

  test('after 10 minutes /login/code sends the user back to log in, with a message', async () => {
    const { browser } = await halfLoggedIn();
    t.clock.advance(599);
    expect((await browser.get('/login/code')).status).toBe(200);
    t.clock.advance(2);
    const page = await browser.get('/login/code');
    expect(page.location).toBe('/login');
    const login = await browser.get('/login');
    expect(login.body).toContain('Uw inlogpoging is verlopen');
  });

  test('a correct code after 10 minutes does not log in', async () => {
    const { browser, auth } = await halfLoggedIn();
    t.clock.advance(601);
    const page = await browser.post('/login/code', {
      authenticator: auth.id,
      code: totp(auth.secret, t.clock.now()),
    });
    expect(page.location).toBe('/login');
    expect((await browser.get('/account')).location).toBe('/login');
  });

  test('POST /login/code answers as the guard: a full session goes to /account, nothing checked', async () => {
    const { user, auth, browser: full } = await userWithAuthenticator(t);
    t.clock.advance(30);
    const code = totp(auth.secret, t.clock.now());
    const page = await full.post('/login/code', { authenticator: auth.id, code });
    expect(page.status).toBe(303);
    expect(page.location).toBe('/account');
    // The code was not spent: it still logs in from a half-logged-in browser.
    const { browser } = await passwordStep(t, user);
    await browser.get('/login/code');
    expect((await browser.post('/login/code', { authenticator: auth.id, code })).location).toBe('/account');
  });

  test('POST /login/code without a session: to /login, even with a form that is malformed behind one', async () => {
    const browser = new TestBrowser(t.app);
    await browser.get('/login');
    const page = await browser.post('/login/code', { authenticator: 'x'.repeat(500), code: '123456' });
    expect(page.status).toBe(303);
    expect(page.location).toBe('/login');
    expect((await browser.get('/login')).body).toContain('Uw inlogpoging is verlopen');
  });

  test('"Opnieuw inloggen" ends the half-logged-in state', async () => {
    const { browser } = await halfLoggedIn();
    const before = sid(browser) ?? '';
    const page = await browser.post('/login/restart');
    expect(page.location).toBe('/login');
    expect(sid(browser)).toBeUndefined();
    expect((await browser.get('/login/code')).location).toBe('/login');
    // The server forgot it too: the old value replayed is dead.
    const replay = browserWithCookies(t, { sid: before });
    expect((await replay.get('/login/code')).location).toBe('/login');
  });

  test('the second-step page offers "Opnieuw inloggen"', async () => {
    const { browser } = await halfLoggedIn();
    const page = await browser.get('/login/code');
    expect(page.body).toContain('Opnieuw inloggen');
    expect(page.body).toContain('action="/login/restart"');
  });
});
