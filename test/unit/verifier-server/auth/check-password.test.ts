import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loginCounterKey } from '../../../../verifier-server/auth/check-password';
import { hashToken, randomToken } from '../../../../verifier-server/auth/tokens';
import { PRODUCTION_ARGON2 } from '../../../../verifier-server/config';
import { TestBrowser } from '../../../support/test-browser';
import { addUser } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';

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
  return browser.post('/login', { username, password });
}

const withoutCsrf = (body: string) => body.replace(/name="_csrf" value="[^"]*"/g, '');

describe('the password step is throttled per username', () => {
  test('five typos cost nothing; after the sixth the next try waits 1 s, then 2 s', async () => {
    const user = await addUser(t);
    for (let i = 0; i < 5; i++) expect((await tryLogin(user.username, 'wrong')).status).toBe(401);
    expect((await tryLogin(user.username, 'wrong')).status).toBe(401); // the 6th is still evaluated
    const waiting = await tryLogin(user.username, user.password);
    expect(waiting.status).toBe(429);
    expect(waiting.headers['retry-after']).toBe('1');
    expect(waiting.body).toContain('Te veel mislukte inlogpogingen. Probeer het over 1 seconde opnieuw.');

    t.clock.advance(1);
    expect((await tryLogin(user.username, 'wrong')).status).toBe(401); // 7th failure: 2 s
    const twoSeconds = await tryLogin(user.username, user.password);
    expect(twoSeconds.status).toBe(429);
    expect(twoSeconds.body).toContain('Te veel mislukte inlogpogingen. Probeer het over 2 seconden opnieuw.');
    t.clock.advance(1);
    expect((await tryLogin(user.username, user.password)).status).toBe(429);
    t.clock.advance(1);
    expect((await tryLogin(user.username, user.password)).location).toBe('/login/fallback');
    // A correct password starts the count over.
    expect((await tryLogin(user.username, 'wrong')).status).toBe(401);
    expect((await tryLogin(user.username, user.password)).status).toBe(303);
  });

  test('an unknown name is throttled and answered exactly like a known one (no enumeration)', async () => {
    const user = await addUser(t, { username: 'alice' });
    for (let i = 0; i < 6; i++) {
      await tryLogin(user.username, 'wrong');
      await tryLogin('nobody', 'wrong');
    }
    const known = await tryLogin(user.username, 'wrong');
    const unknown = await tryLogin('nobody', 'wrong');
    expect([known.status, unknown.status]).toEqual([429, 429]);
    expect(withoutCsrf(known.body).replace('alice', 'X')).toBe(
      withoutCsrf(unknown.body).replace('nobody', 'X'),
    );
  });

  test('the name is matched without regard to case, and other names are not affected', async () => {
    const user = await addUser(t, { username: 'bob' });
    const other = await addUser(t, { username: 'carol' });
    for (let i = 0; i < 6; i++) await tryLogin(i % 2 ? 'BOB' : 'Bob', 'wrong');
    expect((await tryLogin(user.username, user.password)).status).toBe(429);
    expect((await tryLogin(other.username, other.password)).status).toBe(303);
  });

  test('every spelling the store takes for the name shares its counter (PostgreSQL folds İ to i)', async () => {
    const user = await addUser(t, { username: 'tim' });
    for (let i = 0; i < 6; i++) await tryLogin('tim', 'wrong');
    expect((await tryLogin('tim', user.password)).status).toBe(429);
    // The store finds 'tim' by these too, or by none (SQLite folds ASCII only): either way, no
    // fresh counter that lets the right password in now.
    for (const spelling of ['TIM', 'Tim', 'TİM', 'tİm'])
      expect((await tryLogin(spelling, user.password)).status, spelling).not.toBe(303);
    t.clock.advance(3600);
    expect((await tryLogin('TIM', user.password)).status).toBe(303);
  });
});

/** A browser at `address`; the server counts password attempts per name and address (SECURITY #30). */
async function tryLoginFrom(
  address: string,
  username: string,
  password: string,
  cookies: Record<string, string> = {},
) {
  const browser = new TestBrowser(t.app, address);
  for (const [name, value] of Object.entries(cookies)) browser.cookies.set(name, value);
  await browser.get('/login');
  return browser.post('/login', { username, password });
}

/** A remember-browser token of the user, as "Onthoud deze browser voor 7 dagen" leaves it. */
async function rememberCookie(userId: number): Promise<Record<string, string>> {
  const token = randomToken();
  const expiresAt = t.ctx.nowSeconds() + 7 * 24 * 3600;
  await t.ctx.store.saveRememberToken({ tokenHash: hashToken(token), userId, expiresAt, revoked: false });
  return { remember: token };
}

const ATTACKER = '203.0.113.66';
const WORKSTATION = '192.0.2.10';

describe("an attacker's failures do not lock the user out (SECURITY #30)", () => {
  test("a wrong password a minute from the attacker's address, all morning: the workstation never waits", async () => {
    const user = await addUser(t);
    for (let minute = 0; minute < 240; minute++) {
      expect((await tryLoginFrom(ATTACKER, user.username, 'guess')).status).not.toBe(303);
      // The user logs in now and then, always right after one of the attacker's tries.
      if (minute % 60 === 59)
        expect((await tryLoginFrom(WORKSTATION, user.username, user.password)).status).toBe(303);
      t.clock.advance(60);
    }
  });

  test("a burst of guesses makes the attacker's address wait, not the workstation", async () => {
    const user = await addUser(t);
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await tryLoginFrom(ATTACKER, user.username, 'guess')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(14);
    expect((await tryLoginFrom(ATTACKER, user.username, user.password)).status).toBe(429);
    expect((await tryLoginFrom(WORKSTATION, user.username, user.password)).status).toBe(303);
  });

  test('an IPv6 attacker is one client per /64, however many of its addresses it uses', async () => {
    const user = await addUser(t);
    const statuses = [];
    // A new address of one /64 for every guess (a cheap server has 2^64 of them).
    for (let i = 0; i < 20; i++)
      statuses.push(
        (await tryLoginFrom(`2001:db8:66:1::${(i + 1).toString(16)}`, user.username, 'guess')).status,
      );
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(14);
    // Its own next address waits too, written another way, or through a dual-stack socket.
    expect(
      (await tryLoginFrom('2001:DB8:66:1:ffff:ffff:ffff:ffff', user.username, user.password)).status,
    ).toBe(429);
    // The practice, on its own /64 or on IPv4 (also as an IPv4-mapped address), gets in.
    expect((await tryLoginFrom('2001:db8:10:1::10', user.username, user.password)).status).toBe(303);
    expect((await tryLoginFrom(`::ffff:${WORKSTATION}`, user.username, user.password)).status).toBe(303);
  });

  test('an IPv4-mapped address is the same client as its IPv4 address', async () => {
    const user = await addUser(t);
    for (let i = 0; i < 20; i++) await tryLoginFrom(ATTACKER, user.username, 'guess');
    expect((await tryLoginFrom(`::ffff:${ATTACKER}`, user.username, user.password)).status).toBe(429);
  });

  test('many addresses together reach the looser ceiling for the name; a remembered browser still gets in', async () => {
    const user = await addUser(t);
    const ceiling = t.ctx.policy.freeLoginFailuresPerName;
    for (let i = 0; i <= ceiling; i++) {
      expect((await tryLoginFrom(`198.51.100.${i + 1}`, user.username, 'guess')).status).toBe(401);
    }
    const stranger = await tryLoginFrom('192.0.2.99', user.username, user.password);
    expect(stranger.status).toBe(429);
    expect(stranger.headers['retry-after']).toBeDefined();
    const remembered = await tryLoginFrom(
      WORKSTATION,
      user.username,
      user.password,
      await rememberCookie(user.id),
    );
    expect(remembered.location).toBe('/account');
  });

  test('the ceiling is 100 failures per name within one hour; after the hour the count starts over', async () => {
    let address = 0;
    const guesses = async (username: string, n: number) => {
      for (let i = 0; i < n; i++, address++) {
        const from = `198.51.${Math.floor(address / 250)}.${(address % 250) + 1}`;
        expect((await tryLoginFrom(from, username, 'guess')).status).toBe(401);
      }
    };
    // 100 failures, each from another address, cost the name nothing.
    const first = await addUser(t);
    await guesses(first.username, 100);
    expect((await tryLoginFrom('192.0.2.98', first.username, first.password)).location).toBe(
      '/login/fallback',
    );
    // 101 within the hour make strangers wait.
    const second = await addUser(t);
    await guesses(second.username, 50);
    t.clock.advance(59 * 60);
    await guesses(second.username, 51);
    expect((await tryLoginFrom('192.0.2.99', second.username, second.password)).status).toBe(429);
    // An hour after the window began, a new one begins: 100 failures are free again.
    t.clock.advance(2 * 60);
    await guesses(second.username, 100);
    expect((await tryLoginFrom('192.0.2.97', second.username, second.password)).location).toBe(
      '/login/fallback',
    );
  });

  test('the wait grows 1, 2, 4 … s and never beyond 60 s, however long the attacker goes on', async () => {
    const user = await addUser(t);
    const waits: number[] = [];
    while (waits.length < 9) {
      const answer = await tryLoginFrom(ATTACKER, user.username, 'guess');
      if (answer.status === 429) {
        const seconds = Number(answer.headers['retry-after']);
        waits.push(seconds);
        t.clock.advance(seconds);
      } else {
        expect(answer.status).toBe(401);
      }
    }
    expect(waits).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60]);
  });

  test("a remembered browser behind the attacker's own address (one practice, one public IP) gets in", async () => {
    const user = await addUser(t);
    const cookies = await rememberCookie(user.id);
    for (let i = 0; i < 20; i++) await tryLoginFrom(WORKSTATION, user.username, 'guess');
    expect((await tryLoginFrom(WORKSTATION, user.username, user.password)).status).toBe(429);
    expect((await tryLoginFrom(WORKSTATION, user.username, user.password, cookies)).location).toBe(
      '/account',
    );
  });

  test('a remember cookie is no licence to guess: its browser has a delay of its own', async () => {
    const user = await addUser(t);
    const cookies = await rememberCookie(user.id);
    for (let i = 0; i < 6; i++) {
      expect((await tryLoginFrom(WORKSTATION, user.username, 'guess', cookies)).status).toBe(401);
    }
    expect((await tryLoginFrom(WORKSTATION, user.username, user.password, cookies)).status).toBe(429);
    // Another remembered browser of the same user is not slowed by it.
    const other = await rememberCookie(user.id);
    expect((await tryLoginFrom('192.0.2.11', user.username, user.password, other)).location).toBe('/account');
  });
});

describe('parallel guesses cannot outrun the delay (SECURITY #31)', () => {
  test('20 wrong passwords sent at once from one address: only the free ones are checked', async () => {
    const user = await addUser(t);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => tryLoginFrom(ATTACKER, user.username, 'guess')),
    );
    const statuses = answers.map((a) => a.status);
    // At most the five free attempts and the sixth, whose own claim starts the first wait (fewer
    // when the address's share of the hashing queue is full); every other one waits, unchecked.
    const checked = statuses.filter((s) => s === 401).length;
    expect(checked).toBeGreaterThanOrEqual(1);
    expect(checked).toBeLessThanOrEqual(6);
    expect(statuses.filter((s) => s === 429)).toHaveLength(20 - checked);
  });
});

describe('what the throttle stores', () => {
  test('a name typed at the login (perhaps a password) is kept only under a keyed hash, not one anyone could test guesses against', async () => {
    await t.app.close();
    t = await createTestApp({ onDisk: true });
    await tryLogin('Zomer2026!', 'whatever');
    const rows = (await t.database?.query<{ key_hash: string }>('SELECT key_hash FROM login_throttle')) ?? [];
    const stored = rows.map((row) => row.key_hash);
    // The name's own counter (no address in it), under the key derived from the master key.
    expect(stored).toContain(loginCounterKey(t.ctx, 'login:name:zomer2026!'));
    expect(stored).not.toContain(hashToken('login:name:zomer2026!'));
  });
});

describe('the password-hashing queue (issue 9, finding 6)', () => {
  // Production's argon2id cost, so that hashes queue up the way they do under a real flood.
  beforeEach(async () => {
    await t.app.close();
    t = await createTestApp({ config: { argon2: PRODUCTION_ARGON2 } });
  });

  test('a flood of unknown names from one address does not crowd out 21 logins from other addresses', async () => {
    const users = [];
    for (let i = 0; i < 21; i++) users.push(await addUser(t));
    // The worst case for the queue: the flood's 40 claims answered at the same moment (on
    // PostgreSQL they would otherwise trickle in while earlier hashes finish and free slots).
    const claim = t.ctx.store.claimLoginAttempt;
    const floodKeys = new Set(
      Array.from({ length: 40 }, (_, i) => loginCounterKey(t.ctx, `login:name:nobody${i}@${ATTACKER}`)),
    );
    const arrived: Array<() => void> = [];
    Object.assign(t.ctx.store, {
      claimLoginAttempt: async (...args: Parameters<typeof claim>) => {
        const result = await claim(...args);
        if (!args[0].some((c) => floodKeys.has(c.keyHash))) return result;
        await new Promise<void>((resolve) => {
          arrived.push(resolve);
          if (arrived.length === 40) for (const go of arrived) go();
        });
        return result;
      },
    });
    const flood = Array.from({ length: 40 }, (_, i) => tryLoginFrom(ATTACKER, `nobody${i}`, 'guess'));
    const real = users.map((u, i) => tryLoginFrom(`192.0.2.${i + 1}`, u.username, u.password));
    const [floodAnswers, realAnswers] = await Promise.all([Promise.all(flood), Promise.all(real)]);
    expect(realAnswers.map((a) => a.status)).toEqual(users.map(() => 303));
    // The flood's own address got no more than its share; the rest was refused at once.
    expect(floodAnswers.filter((a) => a.status === 429).length).toBeGreaterThanOrEqual(
      40 - t.config.passwordPerClient,
    );
  }, 30_000);

  test('a flood from 40 addresses does not keep out 21 remembered browsers', async () => {
    const users = [];
    for (let i = 0; i < 21; i++) users.push(await addUser(t));
    const cookies = await Promise.all(users.map((u) => rememberCookie(u.id)));
    const flood = Array.from({ length: 80 }, (_, i) =>
      tryLoginFrom(`198.51.100.${(i % 40) + 1}`, `nobody${i}`, 'guess'),
    );
    const real = users.map((u, i) => tryLoginFrom(`192.0.2.${i + 1}`, u.username, u.password, cookies[i]));
    const [, realAnswers] = await Promise.all([Promise.all(flood), Promise.all(real)]);
    expect(realAnswers.map((a) => a.location)).toEqual(users.map(() => '/account'));
  }, 30_000);
});
