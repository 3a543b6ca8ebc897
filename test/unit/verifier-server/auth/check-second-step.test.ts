import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { TestBrowser } from '../../../support/test-browser';
import { totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { TEST_STORE } from '../../../support/verifier-test-store';
import {
  atSecondStep,
  failedAttempts,
  firstAuthenticator,
  isLoggedIn,
  logEntries,
  outbox,
  submitCode,
  userEnrolledViaScreens,
  userWithAuthenticators,
  wrongCode,
} from './second-step-fixtures';

const REPLAY_SUBJECT = 'Waarschuwing: een inlogcode is opnieuw gebruikt';
const WRONG = 'De code is onjuist of al gebruikt.';
/** QA finding M4: the owner typing a code twice (logging in right after adding) is told why. */
const REUSED =
  'Deze code is al gebruikt. Elke code werkt maar één keer: wacht tot uw authenticator een nieuwe code toont en vul die in.';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

describe('the ±1 step window through POST /login/code (SECURITY #3)', () => {
  test.each([
    [-2, false],
    [-1, true],
    [0, true],
    [1, true],
    [2, false],
  ])('the code of step T%+i logs in: %s', async (offset, accepted) => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(10 * 30 + 15); // well past the enrollment step, mid-step
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, totp(a.secret, t.clock.now(), offset));
    if (accepted) {
      expect(page.status).toBe(303);
      expect(page.location).toBe('/account');
      expect(await isLoggedIn(browser)).toBe(true);
    } else {
      expect(page.status).toBe(401);
      expect(page.body).toContain(WRONG);
      expect(await isLoggedIn(browser)).toBe(false);
    }
  });
});

describe('a code is accepted at most once (SECURITY #4, #6)', () => {
  test('the same code in a new login attempt is refused', async () => {
    const { user, a } = firstAuthenticator(await userEnrolledViaScreens(t));
    t.clock.advance(30);
    const code = totp(a.secret, t.clock.now());
    const first = await atSecondStep(t, user);
    expect((await submitCode(first, a.id, code)).location).toBe('/account');

    t.clock.advance(5); // same step, later in it
    const second = await atSecondStep(t, user);
    const page = await submitCode(second, a.id, code);
    expect(page.status).toBe(401);
    expect(page.body).toContain(REUSED);
    expect(page.body).not.toContain(WRONG);
    expect(await isLoggedIn(second)).toBe(false);
  });

  test('an older unused code (T−1) after a newer one (T) was accepted is refused', async () => {
    const { user, a } = firstAuthenticator(await userEnrolledViaScreens(t));
    t.clock.advance(60);
    const first = await atSecondStep(t, user);
    expect((await submitCode(first, a.id, totp(a.secret, t.clock.now()))).location).toBe('/account');

    const second = await atSecondStep(t, user);
    const page = await submitCode(second, a.id, totp(a.secret, t.clock.now(), -1));
    expect(page.status).toBe(401);
    expect(page.body).toContain(REUSED);
    expect(await isLoggedIn(second)).toBe(false);
  });

  test('the code that confirmed the enrollment cannot log in', async () => {
    const { user, a } = firstAuthenticator(await userEnrolledViaScreens(t));
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, totp(a.secret, t.clock.now()));
    expect(page.status).toBe(401);
    expect(await isLoggedIn(browser)).toBe(false);
  });

  test('a replay is logged without the code and the account holder gets an e-mail', async () => {
    const { user, a } = firstAuthenticator(await userEnrolledViaScreens(t, ['Telefoon']));
    t.clock.advance(30);
    const code = totp(a.secret, t.clock.now());
    const first = await atSecondStep(t, user);
    expect((await submitCode(first, a.id, code)).location).toBe('/account');
    const reader = new TestBrowser(t.app);
    expect((await outbox(reader)).filter((m) => m.subject === REPLAY_SUBJECT)).toEqual([]);
    expect(logEntries(t).filter((e) => e.event === 'totp.replay')).toEqual([]);

    const attacker = await atSecondStep(t, user);
    expect((await submitCode(attacker, a.id, code)).status).toBe(401);

    const replays = logEntries(t).filter((e) => e.event === 'totp.replay');
    expect(replays).toHaveLength(1);
    expect(replays[0]).toMatchObject({ userId: user.id, authenticatorId: a.id });
    for (const entry of logEntries(t)) expect(JSON.stringify(entry)).not.toContain(code);

    const warnings = (await outbox(reader)).filter((m) => m.subject === REPLAY_SUBJECT);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ channel: 'email', to: user.email });
    expect(warnings[0]?.body).toContain('Telefoon');
    // Worded for the owner who typed the code twice too, not only as an alarm.
    expect(warnings[0]?.body).toContain('die poging is geweigerd');
    expect(warnings[0]?.body).toContain('Dan hoeft u niets te doen.');
    expect(warnings[0]?.body).not.toContain(code);
  });
});

describe('only the chosen authenticator is checked (SECURITY #7)', () => {
  test("choosing A with B's code fails, and leaves B's code unused", async () => {
    const {
      user,
      authenticators: [a, b],
    } = await userWithAuthenticators(t, ['A', 'B']);
    if (!a || !b) throw new Error('no authenticators');
    t.clock.advance(30);
    const codeB = totp(b.secret, t.clock.now());
    expect(codeB).not.toBe(totp(a.secret, t.clock.now()));
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, codeB);
    expect(page.status).toBe(401);
    expect(await isLoggedIn(browser)).toBe(false);

    t.clock.advance(1); // the throttle's first delay
    expect((await submitCode(browser, b.id, codeB)).location).toBe('/account');
  });

  test("another user's authenticator is refused, even with its valid code", async () => {
    const { user } = await userWithAuthenticators(t, ['Mijn telefoon']);
    const {
      user: other,
      authenticators: [x],
    } = await userWithAuthenticators(t, ['Andermans telefoon']);
    if (!x) throw new Error('no authenticator');
    t.clock.advance(30);
    const code = totp(x.secret, t.clock.now());
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, x.id, code);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Kies een van uw authenticators uit de lijst.');
    expect(await isLoggedIn(browser)).toBe(false);
    // The owner's step was not consumed by the attempt.
    const owner = await atSecondStep(t, other);
    expect((await submitCode(owner, x.id, code)).location).toBe('/account');
  });
});

describe('malformed codes (SECURITY #9)', () => {
  test.each([
    [0, 'abcdef'],
    [1, '12345'],
    [2, '1234567'],
    [3, ''],
    [4, '12345a'],
    [5, '１２３４５６'],
    [6, '-12345'],
  ])('case %i: %j → 400, counted as no failure', async (_i, code) => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, code);
    expect(page.status).toBe(400);
    expect(page.body).toContain('Vul de 6-cijferige code in');
    expect(await failedAttempts(t, user)).toBe(0);
    // A typo costs no waiting time: the correct code works at once.
    expect((await submitCode(browser, a.id, totp(a.secret, t.clock.now()))).location).toBe('/account');
  });

  test.each([
    [0, (c: string) => `${c.slice(0, 3)} ${c.slice(3)}`],
    [1, (c: string) => ` ${c} `],
    [2, (c: string) => `${c.slice(0, 2)} ${c.slice(2, 4)} ${c.slice(4)}`],
  ])('case %i: spaces in the code are ignored', async (_i, spaced) => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const page = await submitCode(browser, a.id, spaced(totp(a.secret, t.clock.now())));
    expect(page.status).toBe(303);
    expect(page.location).toBe('/account');
  });

  test('a wrong well-formed code is a 401 and does count', async () => {
    const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
    t.clock.advance(30);
    const browser = await atSecondStep(t, user);
    const valid = [-1, 0, 1].map((o) => totp(a.secret, t.clock.now(), o));
    expect((await submitCode(browser, a.id, wrongCode(...valid))).status).toBe(401);
    expect(await failedAttempts(t, user)).toBe(1);
  });
});

// PostgreSQL reads and locks the session in the check's first statement: a logout waits for the
// check instead (verification-store.test.ts), so this race exists on SQLite only.
describe.runIf(TEST_STORE === 'sqlite')(
  'the session ends while its code is checked (a logout in another tab)',
  () => {
    test('nothing is accepted: back to the login page, the code still unused, the attempt counted', async () => {
      const { user, a } = firstAuthenticator(await userWithAuthenticators(t));
      t.clock.advance(30);
      const browser = await atSecondStep(t, user);
      // The race, forced: the session guard has read the session, then it ends.
      const read = t.ctx.store.getSessionUser;
      Object.assign(t.ctx.store, {
        getSessionUser: async (...args: Parameters<typeof read>) => {
          const found = await read(...args);
          if (found) await t.ctx.store.deleteSession(found.session.idHash);
          return found;
        },
      });
      const code = totp(a.secret, t.clock.now());
      const page = await submitCode(browser, a.id, code);
      Object.assign(t.ctx.store, { getSessionUser: read });
      expect(page.status).toBe(303);
      expect(page.location).toBe('/login');
      expect(await isLoggedIn(browser)).toBe(false);
      expect(await failedAttempts(t, user)).toBe(1);
      // The code was not used up: a new login with it succeeds once the delay has passed.
      t.clock.advance(1);
      const again = await atSecondStep(t, user);
      expect((await submitCode(again, a.id, code)).location).toBe('/account');
    });
  },
);
