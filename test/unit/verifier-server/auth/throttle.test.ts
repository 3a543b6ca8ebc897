import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { TestBrowser } from '../../../support/test-browser';
import { latestCodeFor, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import {
  atSecondStep,
  failedAttempts,
  isLoggedIn,
  submitCode,
  userWithAuthenticators,
  wrongCode,
} from './second-step-fixtures';

/** The wait, as the page words it: "1 seconde", "2 seconden". */
const throttled = (s: number) =>
  `Wacht nog ${s} ${s === 1 ? 'seconde' : 'seconden'} en vul de code dan opnieuw in. Na elke onjuiste code duurt het wachten langer.`;
const LOCKED = 'geblokkeerd';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

/** A user with one authenticator, 30 s after its enrollment, at the second step. */
async function scenario(names = ['Telefoon']) {
  const { user, authenticators } = await userWithAuthenticators(t, names);
  t.clock.advance(30);
  const browser = await atSecondStep(t, user);
  const a = authenticators[0];
  if (!a) throw new Error('no authenticator');
  const code = (at = t.clock.now()) => totp(a.secret, at);
  const wrong = () => wrongCode(...[-1, 0, 1].map((o) => totp(a.secret, t.clock.now(), o)));
  return { user, authenticators, a, browser, code, wrong };
}

function expectThrottled(
  page: { status: number; headers: Record<string, unknown>; body: string },
  s: number,
) {
  expect(page.status).toBe(429);
  expect(page.headers['retry-after']).toBe(String(s));
  expect(page.body).toContain(throttled(s));
}

/** Submits wrong codes, waiting out each delay, until the account locks; returns the failures needed. */
async function failUntilLocked(browser: TestBrowser, id: string, wrong: () => string): Promise<number> {
  for (let n = 1; n <= 100; n++) {
    const page = await submitCode(browser, id, wrong());
    if (page.status === 403) return n;
    expect(page.status).toBe(401);
    t.clock.advance(2 ** (n - 1));
  }
  throw new Error('never locked');
}

describe('per-account throttle (SECURITY #8)', () => {
  test('after a wrong code the next attempt within 1 s is 429, even with the correct code', async () => {
    const { a, browser, code, wrong } = await scenario();
    expect((await submitCode(browser, a.id, wrong())).status).toBe(401);
    t.clock.advance(0.5);
    expectThrottled(await submitCode(browser, a.id, code()), 1);
    expect(await isLoggedIn(browser)).toBe(false);
    t.clock.advance(0.5);
    expect((await submitCode(browser, a.id, code())).location).toBe('/account');
  });

  test('the delay grows 1, 2, 4 s; a refused attempt does not count', async () => {
    const { user, a, browser, wrong } = await scenario();
    for (const [i, delay] of [1, 2, 4, 8].entries()) {
      expect((await submitCode(browser, a.id, wrong())).status).toBe(401);
      expect(await failedAttempts(t, user)).toBe(i + 1);
      expectThrottled(await submitCode(browser, a.id, wrong()), delay);
      t.clock.advance(delay - 1);
      expectThrottled(await submitCode(browser, a.id, wrong()), 1);
      expect(await failedAttempts(t, user)).toBe(i + 1);
      t.clock.advance(1);
    }
  });

  test('it applies across two sessions of the same user', async () => {
    const { user, a, browser, code, wrong } = await scenario();
    const other = await atSecondStep(t, user);
    expect((await submitCode(browser, a.id, wrong())).status).toBe(401);
    expectThrottled(await submitCode(other, a.id, code()), 1);
    expect(await isLoggedIn(other)).toBe(false);
  });

  test('it applies across authenticators', async () => {
    const { authenticators, a, browser, wrong } = await scenario(['A', 'B']);
    const b = authenticators[1];
    if (!b) throw new Error('no second authenticator');
    expect((await submitCode(browser, a.id, wrong())).status).toBe(401);
    expectThrottled(await submitCode(browser, b.id, totp(b.secret, t.clock.now())), 1);
  });

  test('a success resets it: the next failure waits 1 s again, not 2 s', async () => {
    const { user, a, browser, code, wrong } = await scenario();
    expect((await submitCode(browser, a.id, wrong())).status).toBe(401);
    t.clock.advance(1);
    expect((await submitCode(browser, a.id, code())).location).toBe('/account');
    expect(await t.ctx.store.getUser(user.id)).toMatchObject({ failedAttempts: 0, locked: false });

    const next = await atSecondStep(t, user);
    expect((await submitCode(next, a.id, wrong())).status).toBe(401);
    t.clock.advance(1);
    expect((await submitCode(next, a.id, wrong())).status).toBe(401);
    expect(await failedAttempts(t, user)).toBe(2);
  });

  test('after lockAfterFailures failures the account is locked, even for the correct code', async () => {
    const { user, a, browser, code, wrong } = await scenario();
    const failures = await failUntilLocked(browser, a.id, wrong);
    expect(failures).toBe(t.ctx.policy.lockAfterFailures);
    expect(failures).toBe(10);
    expect(await t.ctx.store.getUser(user.id)).toMatchObject({ locked: true });

    t.clock.advance(3600);
    const later = await atSecondStep(t, user);
    const page = await submitCode(later, a.id, code());
    expect(page.status).toBe(403);
    expect(page.body).toContain(LOCKED);
    expect(await isLoggedIn(later)).toBe(false);
  });

  test('a fallback e-mail code login clears the lock, then the authenticator works again', async () => {
    const { user, a, browser, code, wrong } = await scenario();
    await failUntilLocked(browser, a.id, wrong);
    t.clock.advance(t.ctx.policy.maxDelaySeconds);

    const rescue = await atSecondStep(t, user);
    await rescue.get('/login/fallback');
    expect((await rescue.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    await rescue.get('/login/fallback/code');
    const done = await rescue.post('/login/fallback/code', { code: await latestCodeFor(rescue, user.email) });
    expect(done.location).toBe('/account');
    expect(await t.ctx.store.getUser(user.id)).toMatchObject({ failedAttempts: 0, locked: false });

    await rescue.post('/logout');
    t.clock.advance(30);
    const again = await atSecondStep(t, user);
    expect((await submitCode(again, a.id, code())).location).toBe('/account');
  });

  test('the CLI unlock (store.unlock) clears the lock', async () => {
    const { user, a, browser, code, wrong } = await scenario();
    await failUntilLocked(browser, a.id, wrong);
    await t.ctx.store.unlock(user.id);
    const again = await atSecondStep(t, user);
    expect((await submitCode(again, a.id, code())).location).toBe('/account');
  });

  test('20 parallel wrong guesses from 20 sessions: only one is evaluated', async () => {
    const { user, a, wrong } = await scenario();
    const browsers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => atSecondStep(t, user, `10.0.0.${i + 1}`)),
    );
    const guess = wrong();
    const pages = await Promise.all(browsers.map((b) => submitCode(b, a.id, guess)));
    const statuses = pages.map((p) => p.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(1);
    expect(statuses.filter((s) => s === 429)).toHaveLength(19);
    expect(await failedAttempts(t, user)).toBe(1);
  });
});
