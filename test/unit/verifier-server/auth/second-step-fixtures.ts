import { randomBytes, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { toBase32 } from '../../../../shared/build-otpauth-uri';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { authenticatorAad, sealSecret } from '../../../../verifier-server/auth/secret-box';
import { TestBrowser } from '../../../support/test-browser';
import {
  addUser,
  enroll,
  loginByEmail,
  passwordStep,
  type TestUser,
} from '../../../support/verifier-fixtures';
import type { TestApp } from '../../../support/verifier-test-app';

export interface EnrolledUser {
  readonly user: TestUser;
  /** In the order of `names`; each enrolled (and its first code used) at the clock's time then. */
  readonly authenticators: ReadonlyArray<{ readonly id: string; readonly secret: string }>;
}

/** The user and their first authenticator, for the many tests that need only one. */
export function firstAuthenticator({ user, authenticators: [a] }: EnrolledUser): {
  readonly user: TestUser;
  readonly a: { readonly id: string; readonly secret: string };
} {
  if (!a) throw new Error('no authenticator');
  return { user, a };
}

/**
 * A user with the named authenticators, each put in the store the way a confirmed enrollment
 * leaves it (sealed secret, the current step already used). Faster than the screens (no QR);
 * tests about enrollment itself use `userEnrolledViaScreens`.
 */
export async function userWithAuthenticators(t: TestApp, names = ['Chrome plugin']): Promise<EnrolledUser> {
  const user = await addUser(t);
  const authenticators = [];
  for (const name of names) {
    const id = randomUUID();
    const secret = new Uint8Array(randomBytes(20));
    const now = t.ctx.nowSeconds();
    await t.ctx.store.savePendingEnrollment({
      sessionHash: `fixture-${id}`,
      userId: user.id,
      authenticatorId: id,
      name,
      secretSealed: sealSecret(t.ctx.keys.secrets, secret, authenticatorAad(id, user.id)),
      otp: DEFAULT_TOTP,
      expiresAt: now + 600,
    });
    const added = await t.ctx.store.confirmEnrollment(`fixture-${id}`, id, Math.floor(now / 30), now);
    if (!added) throw new Error('fixture enrollment failed');
    authenticators.push({ id, secret: toBase32(secret) });
  }
  return { user, authenticators };
}

/** A user who logged in by e-mail code, enrolled the named authenticators on the screens and logged out. */
export async function userEnrolledViaScreens(t: TestApp, names = ['Chrome plugin']): Promise<EnrolledUser> {
  const user = await addUser(t);
  const browser = await loginByEmail(t, user);
  const authenticators = [];
  for (const name of names) authenticators.push(await enroll(t, browser, user, name));
  await browser.post('/logout');
  return { user, authenticators };
}

/**
 * A fresh browser that has passed the password step and shows "Kies uw authenticator:". Browsers
 * made in parallel need their own `address`: the password step counts attempts per address.
 */
export async function atSecondStep(t: TestApp, user: TestUser, address?: string): Promise<TestBrowser> {
  const { browser, page } = await passwordStep(t, user, new TestBrowser(t.app, address));
  expect(page.location).toBe('/login/code');
  const form = await browser.get('/login/code');
  expect(form.status).toBe(200);
  return browser;
}

export function submitCode(browser: TestBrowser, authenticator: string, code: string) {
  return browser.post('/login/code', { authenticator, code });
}

/** True when the browser holds a full session (it may open "Mijn gegevens"). */
export async function isLoggedIn(browser: TestBrowser): Promise<boolean> {
  return (await browser.get('/account')).status === 200;
}

/** A 6-digit code that is not `code` (a wrong guess). */
export function wrongCode(...valid: string[]): string {
  for (let n = 0; ; n++) {
    const guess = String(n).padStart(6, '0');
    if (!valid.includes(guess)) return guess;
  }
}

export async function failedAttempts(t: TestApp, user: TestUser): Promise<number> {
  return (await t.ctx.store.getUser(user.id))?.failedAttempts ?? Number.NaN;
}

export interface OutboxEntry {
  readonly channel: string;
  readonly to: string;
  readonly subject: string | null;
  readonly body: string;
}

export async function outbox(browser: TestBrowser): Promise<OutboxEntry[]> {
  return JSON.parse((await browser.get('/outbox.json')).body) as OutboxEntry[];
}

/** The captured log lines as objects, without the fields pino fills from the real clock and process. */
export function logEntries(t: TestApp): Array<Record<string, unknown>> {
  return t.logs.map((line) => {
    const { time: _time, pid: _pid, hostname: _hostname, responseTime: _rt, ...rest } = JSON.parse(line);
    return rest as Record<string, unknown>;
  });
}
