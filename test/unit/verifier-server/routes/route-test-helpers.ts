import { randomBytes, randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { toBase32 } from '../../../../shared/build-otpauth-uri';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { authenticatorAad, sealSecret } from '../../../../verifier-server/auth/secret-box';
import { sessionKeyOf } from '../../../../verifier-server/auth/session-token';
import { type OutboxMessage, readOutbox } from '../../../../verifier-server/outbox/outbox-transport';
import { TestBrowser } from '../../../support/test-browser';
import { addUser, passwordStep, type TestUser, totp } from '../../../support/verifier-fixtures';
import type { TestApp } from '../../../support/verifier-test-app';

/** The session cookie's value in a (non-https) test browser. */
export function sid(browser: TestBrowser): string | undefined {
  return browser.cookies.get('sid');
}

/** The stored session row hash of the browser's session cookie. */
export function sessionHash(browser: TestBrowser): string {
  const value = sid(browser);
  const key = value && sessionKeyOf(value);
  if (!key) throw new Error('the browser has no session cookie');
  return key;
}

/**
 * POSTs a form with the browser's cookies but without adding the page's CSRF token:
 * `csrf` undefined sends no `_csrf` field at all.
 */
export async function postRaw(
  t: TestApp,
  browser: TestBrowser,
  url: string,
  fields: Record<string, string>,
  csrf?: string,
): Promise<LightMyRequestResponse> {
  const params = new URLSearchParams(fields);
  if (csrf !== undefined) params.append('_csrf', csrf);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: browser.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
    payload: params.toString(),
  });
}

/** Removes the per-response CSRF token so two pages can be compared byte for byte. */
export function stripCsrf(body: string): string {
  return body.replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value=""');
}

/** A well-formed 6-digit code that differs from `code`. */
export function otherCode(code: string): string {
  return String((Number(code) + 1) % 1_000_000).padStart(6, '0');
}

/** A browser copy that shares nothing but the given cookies (an attacker replaying stolen values). */
export function browserWithCookies(t: TestApp, cookies: Record<string, string>): TestBrowser {
  const b = new TestBrowser(t.app);
  for (const [k, v] of Object.entries(cookies)) b.cookies.set(k, v);
  return b;
}

/** A user with one authenticator (seeded), and a browser fully logged in with its code. */
export async function userWithAuthenticator(
  t: TestApp,
  options: Parameters<typeof addUser>[1] = {},
  name = 'Chrome plugin balie',
) {
  const user = await addUser(t, options);
  const auth = await seedAuthenticator(t, user.id, name);
  const { browser } = await loginWithTotp(t, user, auth);
  return { user, browser, auth };
}

/**
 * Logs in with password and a fresh TOTP code (the clock moves one step first, so the code is
 * never a replay of an earlier one). Returns the browser and the answer to the code POST.
 */
export async function loginWithTotp(
  t: TestApp,
  user: TestUser,
  auth: { id: string; secret: string },
  options: { browser?: TestBrowser; remember?: boolean } = {},
) {
  t.clock.advance(30);
  const { browser, page } = await passwordStep(t, user, options.browser ?? new TestBrowser(t.app));
  if (page.location !== '/login/code') throw new Error(`password step went to ${page.location}`);
  await browser.get('/login/code');
  const done = await browser.post('/login/code', {
    authenticator: auth.id,
    code: totp(auth.secret, t.clock.now()),
    ...(options.remember ? { remember: '1' } : {}),
  });
  if (done.location !== '/account') throw new Error(`code step failed: ${done.status}`);
  return { browser, done };
}

export async function outbox(t: TestApp): Promise<OutboxMessage[]> {
  return readOutbox(t.ctx.store, t.ctx.keys.outbox, 1000);
}

/**
 * Puts a confirmed authenticator straight into the store (no HTTP), for tests whose subject is
 * something else; enrollment itself is tested through the pages.
 */
export async function seedAuthenticator(t: TestApp, userId: number, name = 'Chrome plugin balie') {
  const id = randomUUID();
  const secret = new Uint8Array(randomBytes(20));
  const sessionHash = `seed-${id}`;
  await t.ctx.store.savePendingEnrollment({
    sessionHash,
    userId,
    authenticatorId: id,
    name,
    secretSealed: sealSecret(t.ctx.keys.secrets, secret, authenticatorAad(id, userId)),
    otp: DEFAULT_TOTP,
    expiresAt: t.ctx.nowSeconds() + 600,
  });
  const added = await t.ctx.store.confirmEnrollment(sessionHash, id, 0, t.ctx.nowSeconds());
  if (!added) throw new Error('seeding the authenticator failed');
  return { id, secret: toBase32(secret) };
}

/** A user with one seeded authenticator (nobody logged in yet). */
export async function seededUser(t: TestApp, options: Parameters<typeof addUser>[1] = {}) {
  const user = await addUser(t, options);
  const auth = await seedAuthenticator(t, user.id);
  return { user, auth };
}

/** Every path that has a POST handler, read from Fastify's route tree. */
export function postRoutes(t: TestApp): string[] {
  const tree = t.app.printRoutes({ method: 'POST' });
  const stack: string[] = [];
  const out: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:[│ ] {3})*)[└├]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    // A parameter's pattern (`:id(^…$)`) is left out: the routes are named by their parameters.
    if (m[3]?.includes('POST')) out.push(stack.join('').replace(/:(\w+)\([^)]*\)/g, ':$1'));
  }
  return out;
}
