import { HOTP, Secret } from 'otpauth';
import { manualKeyOf } from './manual-key-of';
import { TestBrowser } from './test-browser';
import type { TestApp } from './verifier-test-app';

export interface TestUser {
  readonly id: number;
  readonly username: string;
  readonly password: string;
  readonly email: string;
  readonly mobile: string | null;
}

let counter = 0;

/** Adds an organisation (two-factor mandatory unless said otherwise) and a user in it. */
export async function addUser(
  t: TestApp,
  options: {
    username?: string;
    password?: string;
    mobile?: string | null;
    requireTwoFactor?: boolean;
    organisation?: string;
  } = {},
): Promise<TestUser> {
  counter++;
  const orgName = options.organisation ?? `Praktijk ${counter}`;
  const org =
    (await t.ctx.store.findOrganisation(orgName)) ??
    (await t.ctx.store.createOrganisation(orgName, options.requireTwoFactor ?? true));
  const username = options.username ?? `user${counter}`;
  const password = options.password ?? `correct horse ${counter}`;
  const email = `${username}@praktijk.example`;
  const mobile = options.mobile === undefined ? '+31612345678' : options.mobile;
  const user = await t.ctx.store.createUser({
    organisationId: org.id,
    username,
    email,
    mobile,
    passwordHash: await t.ctx.passwords.hash(password),
  });
  return { id: user.id, username, password, email, mobile };
}

/** The TOTP code (SHA1, 6 digits, 30 s) for a base32 secret at a time in ms, computed independently of the server. */
export function totp(base32: string, atMs: number, stepOffset = 0): string {
  return HOTP.generate({
    secret: Secret.fromBase32(base32),
    counter: Math.floor(atMs / 30_000) + stepOffset,
  });
}

/** The latest fallback code sent to `to`, read from /outbox.json as a developer would. */
export async function latestCodeFor(browser: TestBrowser, to: string): Promise<string> {
  const page = await browser.get('/outbox.json');
  const messages = JSON.parse(page.body) as Array<{ to: string; body: string }>;
  const match = messages.find((m) => m.to === to && /\b\d{6}\b/.test(m.body));
  const code = match && /\b(\d{6})\b/.exec(match.body)?.[1];
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}

/** Password step; returns the page it lands on. */
export async function passwordStep(t: TestApp, user: TestUser, browser = new TestBrowser(t.app)) {
  await browser.get('/login');
  const page = await browser.post('/login', { username: user.username, password: user.password });
  return { browser, page };
}

/** Logs in completely via the e-mail code (for a user without authenticators). */
export async function loginByEmail(
  t: TestApp,
  user: TestUser,
  browser = new TestBrowser(t.app),
): Promise<TestBrowser> {
  await passwordStep(t, user, browser);
  await browser.get('/login/fallback');
  await browser.post('/login/fallback', { channel: 'email' });
  await browser.get('/login/fallback/code');
  const code = await latestCodeFor(browser, user.email);
  const done = await browser.post('/login/fallback/code', { code });
  if (done.location !== '/account') throw new Error(`fallback login failed: ${done.status}`);
  return browser;
}

/**
 * Enrolls an authenticator through the two steps, confirming with the current code.
 * Returns its id and base32 secret (read from #manual-key, as a person would type it).
 */
export async function enroll(
  t: TestApp,
  browser: TestBrowser,
  user: TestUser,
  name: string,
): Promise<{ id: string; secret: string }> {
  await browser.get('/account/authenticators/new');
  const step1 = await browser.post('/account/authenticators/new', { name });
  if (step1.location !== '/account/authenticators/new/step-2')
    throw new Error(`step 1 failed: ${step1.status}`);
  const step2 = await browser.get('/account/authenticators/new/step-2');
  const secret = manualKeyOf(step2.body);
  const done = await browser.post('/account/authenticators/new/step-2', {
    code: totp(secret, t.clock.now()),
  });
  if (done.location !== '/account') throw new Error(`step 2 failed: ${done.status}`);
  const list = await t.ctx.store.listAuthenticators(user.id);
  const added = list.find((a) => a.name === name);
  if (!added) throw new Error('authenticator not listed');
  return { id: added.id, secret };
}
