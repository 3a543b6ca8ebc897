import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashToken } from '../../../../verifier-server/auth/tokens';
import { manualKeyOf } from '../../../support/manual-key-of';
import { TestBrowser } from '../../../support/test-browser';
import { latestCodeFor, passwordStep, type TestUser, totp } from '../../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../../support/verifier-test-app';
import { loginWithTotp, outbox, postRaw, postRoutes, seededUser } from '../routes/route-test-helpers';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(async () => {
  await t.app.close();
});

interface World {
  readonly user: TestUser;
  readonly auth: { id: string; secret: string };
  /** The browser that posts without (or with a bad) token. */
  readonly browser: TestBrowser;
  /** Anything the state check needs. */
  readonly data: Record<string, string>;
}

interface Case {
  readonly route: string;
  /** Brings `browser` to the state in which the form would be posted; returns the fields. */
  setup(w: Omit<World, 'data'>): Promise<{ fields: Record<string, string>; data?: Record<string, string> }>;
  /** Fails if the refused POST changed anything. */
  unchanged(w: World): Promise<void>;
}

async function halfLoggedIn(w: Omit<World, 'data'>) {
  t.clock.advance(30);
  await passwordStep(t, w.user, w.browser);
  await w.browser.get('/login/code');
}

async function fullyLoggedIn(w: Omit<World, 'data'>, remember = false) {
  await loginWithTotp(t, w.user, w.auth, { browser: w.browser, remember });
  await w.browser.get('/account');
}

const CASES: Case[] = [
  {
    route: '/login',
    async setup(w) {
      await w.browser.get('/login');
      return { fields: { username: w.user.username, password: w.user.password } };
    },
    async unchanged(w) {
      expect(w.browser.cookies.has('sid')).toBe(false);
      expect((await w.browser.get('/account')).location).toBe('/login');
    },
  },
  {
    route: '/login/code',
    async setup(w) {
      await halfLoggedIn(w);
      return { fields: { authenticator: w.auth.id, code: totp(w.auth.secret, t.clock.now()) } };
    },
    async unchanged(w) {
      expect((await t.ctx.store.getUser(w.user.id))?.failedAttempts).toBe(0);
      expect((await w.browser.get('/account')).location).toBe('/login/code');
      // The code was not consumed: with the page's token it still logs in.
      await w.browser.get('/login/code');
      const ok = await w.browser.post('/login/code', {
        authenticator: w.auth.id,
        code: totp(w.auth.secret, t.clock.now()),
      });
      expect(ok.location).toBe('/account');
    },
  },
  {
    route: '/login/restart',
    setup: async (w) => {
      await halfLoggedIn(w);
      return { fields: {} };
    },
    async unchanged(w) {
      expect((await w.browser.get('/login/code')).status).toBe(200);
    },
  },
  {
    route: '/logout',
    setup: async (w) => {
      await fullyLoggedIn(w);
      return { fields: {} };
    },
    async unchanged(w) {
      expect((await w.browser.get('/account')).status).toBe(200);
    },
  },
  {
    route: '/login/fallback',
    async setup(w) {
      await halfLoggedIn(w);
      await w.browser.get('/login/fallback');
      return { fields: { channel: 'email' }, data: { sent: String((await outbox(t)).length) } };
    },
    async unchanged(w) {
      expect((await outbox(t)).length).toBe(Number(w.data.sent));
    },
  },
  {
    route: '/login/fallback/code',
    async setup(w) {
      await halfLoggedIn(w);
      await w.browser.get('/login/fallback');
      await w.browser.post('/login/fallback', { channel: 'email' });
      await w.browser.get('/login/fallback/code');
      return { fields: { code: await latestCodeFor(w.browser, w.user.email) } };
    },
    async unchanged(w) {
      expect((await w.browser.get('/account')).location).toBe('/login/code');
      await w.browser.get('/login/fallback/code');
      const ok = await w.browser.post('/login/fallback/code', {
        code: await latestCodeFor(w.browser, w.user.email),
      });
      expect(ok.location).toBe('/account');
    },
  },
  {
    route: '/account/mobile',
    setup: async (w) => {
      await fullyLoggedIn(w);
      return { fields: { mobile: '+31699999999' } };
    },
    async unchanged(w) {
      expect((await t.ctx.store.getUser(w.user.id))?.mobile).toBe(w.user.mobile);
    },
  },
  {
    route: '/account/forget-browsers',
    setup: async (w) => {
      await fullyLoggedIn(w, true);
      return { fields: {}, data: { remember: w.browser.cookies.get('remember') ?? '' } };
    },
    async unchanged(w) {
      const token = await t.ctx.store.getRememberToken(hashToken(w.data.remember ?? ''));
      expect(token?.revoked).toBe(false);
    },
  },
  {
    route: '/account/password',
    setup: async (w) => {
      await fullyLoggedIn(w);
      const hash = (await t.ctx.store.getUser(w.user.id))?.passwordHash ?? '';
      const next = 'an entirely new password';
      return { fields: { current: w.user.password, new: next, confirm: next }, data: { hash } };
    },
    async unchanged(w) {
      expect((await t.ctx.store.getUser(w.user.id))?.passwordHash).toBe(w.data.hash);
    },
  },
  {
    route: '/account/reauth',
    setup: async (w) => {
      await fullyLoggedIn(w);
      t.clock.advance(16 * 60);
      await w.browser.get('/account/reauth?next=%2Faccount%2Fauthenticators%2Fnew');
      return { fields: { password: w.user.password, next: '/account/authenticators/new' } };
    },
    async unchanged(w) {
      const page = await w.browser.get('/account/authenticators/new');
      expect(page.location).toMatch(/^\/account\/reauth\?next=/);
    },
  },
  {
    route: '/account/authenticators/new',
    setup: async (w) => {
      await fullyLoggedIn(w);
      await w.browser.get('/account/authenticators/new');
      return { fields: { name: 'Sneaky' } };
    },
    async unchanged(w) {
      expect(
        await t.ctx.store.getPendingEnrollment(hashToken(w.browser.cookies.get('sid') ?? ''), 0),
      ).toBeNull();
    },
  },
  {
    route: '/account/authenticators/new/step-2',
    setup: async (w) => {
      await fullyLoggedIn(w);
      await w.browser.get('/account/authenticators/new');
      await w.browser.post('/account/authenticators/new', { name: 'Sneaky' });
      const step2 = await w.browser.get('/account/authenticators/new/step-2');
      const key = manualKeyOf(step2.body);
      return { fields: { code: totp(key, t.clock.now()) } };
    },
    async unchanged(w) {
      const list = await t.ctx.store.listAuthenticators(w.user.id);
      expect(list.map((a) => a.name)).toEqual(['Chrome plugin balie']);
    },
  },
  {
    route: '/account/authenticators/:id/rename',
    setup: async (w) => {
      await fullyLoggedIn(w);
      return { fields: { name: 'Renamed' } };
    },
    async unchanged(w) {
      expect((await t.ctx.store.getAuthenticator(w.auth.id, w.user.id))?.name).toBe('Chrome plugin balie');
    },
  },
  {
    route: '/account/authenticators/:id/remove',
    setup: async (w) => {
      await fullyLoggedIn(w);
      await w.browser.get(`/account/authenticators/${w.auth.id}/remove`);
      return { fields: {} };
    },
    async unchanged(w) {
      expect(await t.ctx.store.getAuthenticator(w.auth.id, w.user.id)).not.toBeNull();
    },
  },
];

type BadToken = readonly [string, () => Promise<string | undefined>];
const MISSING: BadToken = ['missing', async () => undefined];
const WRONG: BadToken = ['wrong', async () => 'not-a-csrf-token'];
/** A real token, but minted for another browser's CSRF secret (an attacker's own page). */
const FOREIGN: BadToken = [
  "another browser's",
  async () => {
    const other = new TestBrowser(t.app);
    await other.get('/login');
    return other.csrf;
  },
];
const FOREIGN_ROUTES = new Set([
  '/login',
  '/login/code',
  '/account/password',
  '/account/authenticators/:id/remove',
]);

describe('SECURITY #16: every state-changing POST needs the form token', () => {
  const matrix = CASES.flatMap((c) =>
    [MISSING, WRONG, ...(FOREIGN_ROUTES.has(c.route) ? [FOREIGN] : [])].map(
      ([label, token]) => [c.route, label, c, token] as const,
    ),
  );

  test.each(matrix)('POST %s with a %s _csrf is refused with 403 and changes nothing', async (...args) => {
    const [route, , c, badToken] = args;
    const { user, auth } = await seededUser(t);
    const browser = new TestBrowser(t.app);
    const base = { user, auth, browser };
    const { fields, data = {} } = await c.setup(base);
    const world: World = { ...base, data };
    const url = route.replace(':id', auth.id);
    const token = await badToken();
    expect(token).not.toBe(browser.csrf);

    const response = await postRaw(t, browser, url, fields, token);
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Dit formulier is verlopen of ongeldig');
    expect(response.cookies.some((k) => k.name === 'sid')).toBe(false);
    await c.unchanged(world);
  });

  test('the routes list covers every POST route of the server', () => {
    expect(new Set(postRoutes(t))).toEqual(new Set(CASES.map((c) => c.route)));
  });
});
