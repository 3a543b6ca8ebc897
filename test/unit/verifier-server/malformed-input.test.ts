import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../shared/otp-parameters';
import { authenticatorAad, sealSecret } from '../../../verifier-server/auth/secret-box';
import { newSessionToken } from '../../../verifier-server/auth/session-token';
import { randomToken } from '../../../verifier-server/auth/tokens';
import { MESSAGES_NL } from '../../../verifier-server/i18n/messages-nl';
import { NAME_TAKEN } from '../../../verifier-server/store/authenticator-store';
import type { SessionStage } from '../../../verifier-server/store/store';
import { TestBrowser } from '../../support/test-browser';
import { addUser, type TestUser } from '../../support/verifier-fixtures';
import { createTestApp, type TestApp } from '../../support/verifier-test-app';

/**
 * Issue 2 / SECURITY #20: malformed requests (missing, huge, repeated or wrongly typed fields,
 * bad encodings, wrong content types) get a 4xx page with a clear Dutch message, never a 5xx.
 * One app serves all runs; every run gets a fresh session of the right stage straight from the
 * store, so state a run changes (logout, removal, throttle) cannot starve the runs after it.
 */

const ID = ':id';
const ANONYMOUS_ROUTES = ['/login', '/login/restart', '/logout'];
const MFA_ROUTES = ['/login/code', '/login/fallback', '/login/fallback/code', '/login/restart', '/logout'];
const FULL_ROUTES = [
  '/account',
  '/account/mobile',
  '/account/forget-browsers',
  '/account/password',
  '/account/reauth',
  '/account/authenticators/new',
  '/account/authenticators/new/step-2',
  `/account/authenticators/${ID}/rename`,
  `/account/authenticators/${ID}/remove`,
  '/logout',
];
const ALL_ROUTES = [...new Set([...ANONYMOUS_ROUTES, ...MFA_ROUTES, ...FULL_ROUTES])];
/** Every field name the forms read, plus the CSRF field. */
const FIELD_NAMES = [
  '_csrf',
  'username',
  'password',
  'authenticator',
  'code',
  'remember',
  'channel',
  'mobile',
  'current',
  'new',
  'confirm',
  'next',
  'name',
];
/** Replaced by the live authenticator id when a request is sent. */
const REAL_ID = '<authenticator-id>';
const RUNS = 150;
const USERNAME = 'balie';
const PASSWORD = 'correct horse battery';

let t: TestApp;
let user: TestUser;
let csrfCookie: string;
let csrfToken: string;

beforeAll(async () => {
  t = await createTestApp({ config: { log: false } });
  user = await addUser(t, { username: USERNAME, password: PASSWORD });
  const browser = new TestBrowser(t.app);
  await browser.get('/login');
  const cookie = browser.cookies.get('_csrf');
  if (!cookie || !browser.csrf) throw new Error('no CSRF cookie and token from /login');
  csrfCookie = cookie;
  csrfToken = browser.csrf;
});
afterAll(async () => {
  await t.app.close();
});

// ---- the oracle ------------------------------------------------------------------------------

const DUTCH = Object.values(MESSAGES_NL).map((text) => {
  const parts = text.split(/\{\w+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[\\s\\S]*')}$`);
});

function unescapeHtml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Status < 500; a 4xx is an HTML page in Dutch whose alert is one of the Dutch messages. */
function expectCleanAnswer(response: LightMyRequestResponse, label: string): void {
  const context = `${label} → ${response.statusCode} ${response.body.slice(0, 300)}`;
  expect(response.statusCode, context).toBeLessThan(500);
  if (response.statusCode < 400) return;
  expect(String(response.headers['content-type']), context).toMatch(/^text\/html; charset=utf-8/);
  expect(response.body.startsWith('<!doctype html><html lang="nl">'), context).toBe(true);
  const alerts = [...response.body.matchAll(/<p class="alert" role="alert"[^>]*>([^<]*)<\/p>/g)].map((m) =>
    unescapeHtml(m[1] ?? ''),
  );
  expect(
    alerts.some((a) => DUTCH.some((re) => re.test(a))),
    `no Dutch message in ${context}`,
  ).toBe(true);
  // No stack trace, no serialised error object.
  expect(response.body, context).not.toMatch(/\n\s+at |\bat [^ ]+ \([^)]*:\d+:\d+\)/);
  expect(response.body, context).not.toMatch(/"(statusCode|stack|message)"\s*:/);
}

// ---- the generators --------------------------------------------------------------------------

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates become U+FFFD). */
function encode(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

const BROKEN_ESCAPES = ['%', '%Z', '%ZZ', '%E0%A4', '%E0%A4%A', '%FF', '%C0%AF', '%00', '%2', '%%', '%u0041'];

const valueArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '123456',
      '123 456',
      '000000',
      '12345678',
      '１２３４５６',
      'email',
      'sms',
      'EMAIL',
      '1',
      'on',
      '+31612345678',
      '06 12345678',
      '+31',
      PASSWORD,
      'Chrome plugin',
      REAL_ID,
      '\u0000',
      'a\u0000b',
      '/account/authenticators/new',
      '//evil.example/',
      'x'.repeat(201),
      '<script>alert(1)</script>',
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom('é', '7', '%'), fc.integer({ min: 100, max: 20_000 }))
      .map(([c, n]) => c.repeat(n)),
  },
  { weight: 1, arbitrary: fc.double().map(String) },
);

const nameArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...FIELD_NAMES) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'toString', 'code[]', 'a[b]'),
  },
);

type CsrfMode = 'valid' | 'none' | 'bogus' | 'repeated' | 'empty';

interface FormSpec {
  readonly kind: 'form';
  readonly pairs: ReadonlyArray<readonly [string, string, boolean]>;
  readonly csrf: CsrfMode;
  readonly junk: string;
}

const formArb: fc.Arbitrary<FormSpec> = fc.record({
  kind: fc.constant('form' as const),
  // [name, value, encode it?]: unencoded values keep their raw bytes, '%' and '&' and all.
  pairs: fc.array(fc.tuple(nameArb, valueArb, fc.boolean()), { maxLength: 8 }),
  csrf: fc.oneof(
    { weight: 8, arbitrary: fc.constant<CsrfMode>('valid') },
    { weight: 4, arbitrary: fc.constantFrom<CsrfMode>('none', 'bogus', 'repeated', 'empty') },
  ),
  junk: fc.constantFrom('', '', '', '&', '&&=', '=', '=x', '&_csrf', ...BROKEN_ESCAPES),
});

/** Values a real form would send, per field, so random mixes of them pass the first checks. */
const PLAUSIBLE: Record<string, fc.Arbitrary<string>> = {
  username: fc.constantFrom(USERNAME, ` ${USERNAME} `, USERNAME.toUpperCase(), 'niemand'),
  password: fc.constantFrom(PASSWORD, 'wrong password'),
  current: fc.constantFrom(PASSWORD, 'wrong password'),
  new: fc.constantFrom('another horse battery', 'short', 'x'.repeat(257)),
  confirm: fc.constantFrom('another horse battery', 'other'),
  authenticator: fc.constantFrom(REAL_ID, randomUUID()),
  code: fc.oneof(
    fc.stringMatching(/^\d{6}$/),
    fc.stringMatching(/^\d{3} \d{3}$/),
    fc.stringMatching(/^\d{8}$/),
  ),
  remember: fc.constantFrom('1', 'on', ''),
  channel: fc.constantFrom('email', 'sms'),
  mobile: fc.constantFrom('+31612345678', '06 12345678', '', '+31', 'bel me'),
  next: fc.constantFrom(
    '/account/authenticators/new',
    `/account/authenticators/${REAL_ID}/remove`,
    '//evil.example',
  ),
  name: fc.string({ minLength: 1, maxLength: 30 }),
};

/**
 * The forms' own fields, each present (2 in 3) with a plausible or a random value, plus a few
 * stray pairs: enough well-formed requests to reach every handler's deeper branches.
 */
const handlerFormArb: fc.Arbitrary<FormSpec> = fc
  .tuple(
    fc.tuple(
      ...Object.entries(PLAUSIBLE).map(([name, plausible]) =>
        fc.option(
          fc
            .oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: valueArb })
            .map((v): readonly [string, string, boolean] => [name, v, true]),
          { freq: 3 },
        ),
      ),
    ),
    fc.array(
      fc.tuple(
        nameArb.filter((n) => n !== '_csrf'),
        valueArb,
        fc.boolean(),
      ),
      { maxLength: 2 },
    ),
  )
  .map(([own, stray]) => ({
    kind: 'form' as const,
    pairs: [...own.filter((p) => p !== null), ...stray],
    csrf: 'valid' as const,
    junk: '',
  }));

interface JsonSpec {
  readonly kind: 'json';
  readonly value: unknown;
  readonly withCsrf: boolean;
}

const jsonArb: fc.Arbitrary<JsonSpec> = fc.record({
  kind: fc.constant('json' as const),
  value: fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.dictionary(nameArb, fc.oneof(valueArb, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 }),
  ),
  withCsrf: fc.boolean(),
});

interface RawSpec {
  readonly kind: 'raw';
  readonly bytes: Uint8Array;
}

const rawArb: fc.Arbitrary<RawSpec> = fc.record({
  kind: fc.constant('raw' as const),
  bytes: fc.oneof(
    fc.uint8Array({ maxLength: 512 }),
    fc.integer({ min: 15_000, max: 20_480 }).map((n) => new Uint8Array(randomBytes(n))),
    fc
      .array(
        fc.oneof(fc.constantFrom(...BROKEN_ESCAPES, '&', '=', '+', '_csrf='), fc.string({ maxLength: 5 })),
        {
          maxLength: 30,
        },
      )
      .map((parts) => new Uint8Array(Buffer.from(parts.join(''), 'latin1'))),
  ),
});

type BodySpec = FormSpec | JsonSpec | RawSpec | { readonly kind: 'none' };

const bodyArb: fc.Arbitrary<BodySpec> = fc.oneof(
  { weight: 10, arbitrary: formArb },
  { weight: 2, arbitrary: jsonArb },
  { weight: 2, arbitrary: rawArb },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
);

const FORM = 'application/x-www-form-urlencoded';
const contentTypeArb: fc.Arbitrary<string | undefined> = fc.oneof(
  { weight: 14, arbitrary: fc.constant('match') },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      undefined,
      FORM,
      `${FORM}; charset=utf-8`,
      `${FORM}; charset=latin1`,
      'APPLICATION/X-WWW-FORM-URLENCODED',
      `${FORM}, application/json`,
      'application/json',
      'application/json; charset=utf-16',
      'text/plain',
      'text/html',
      'multipart/form-data; boundary=----x',
      'application/octet-stream',
      ';;',
      '',
    ),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/** A query string without `lang` (which would rightly switch the page to English). */
const queryArb: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constant('') },
    {
      weight: 2,
      arbitrary: fc
        .array(
          fc.tuple(
            nameArb,
            valueArb.filter((v) => v.length < 300),
          ),
          { maxLength: 4 },
        )
        .map((pairs) => pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')),
    },
    {
      weight: 2,
      arbitrary: fc
        .array(
          fc.oneof(
            fc.constantFrom(...BROKEN_ESCAPES, '&', '=', 'next=', '[]', ';', '+'),
            fc.string({ maxLength: 6 }),
          ),
          { maxLength: 12 },
        )
        .map((parts) =>
          parts
            .join('')
            .replace(/[^\x21-\x7e]/g, (c) => encode(c))
            .replace(/#/g, '%23'),
        ),
    },
  )
  .filter(
    (q) =>
      !q
        .replace(/%([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
        .toLowerCase()
        .includes('lang'),
  );

/** A path parameter that is valid URL syntax (bad escapes in the path are a separate, skipped test). */
const idArb: fc.Arbitrary<string> = fc.oneof(
  fc.constant(REAL_ID),
  fc.uuid(),
  fc
    .string({ maxLength: 30 })
    .map((s) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '')))
    .filter((s) => s.length <= 100),
);

const methodArb = fc.oneof(
  { weight: 6, arbitrary: fc.constant('POST') },
  { weight: 3, arbitrary: fc.constant('GET') },
  { weight: 1, arbitrary: fc.constantFrom('PUT', 'DELETE', 'PATCH') },
);

interface RequestSpec {
  readonly method: string;
  readonly route: string;
  readonly id: string;
  readonly query: string;
  readonly contentType: string | undefined;
  readonly body: BodySpec;
}

/**
 * `reachHandlers`: a well-formed envelope (GET, or POST with an urlencoded body and a valid CSRF
 * token) around random fields, so the input gets past the plugins and into the route handlers.
 */
function requestArb(routes: readonly string[], reachHandlers: boolean): fc.Arbitrary<RequestSpec> {
  return fc.record({
    method: reachHandlers ? fc.constantFrom('POST', 'POST', 'POST', 'GET') : methodArb,
    route: fc.constantFrom(...routes),
    id: idArb,
    query: queryArb,
    contentType: reachHandlers ? fc.constant('match') : contentTypeArb,
    body: reachHandlers ? handlerFormArb : bodyArb,
  });
}

// ---- sending ---------------------------------------------------------------------------------

interface Live {
  readonly authenticatorId: string;
  readonly cookies: string[];
}

function formPayload(spec: FormSpec, live: Live): string {
  const fill = (v: string) => v.replaceAll(REAL_ID, live.authenticatorId);
  const parts = spec.pairs.map(([k, v, enc]) =>
    enc ? `${encode(k)}=${encode(fill(v))}` : `${k}=${fill(v)}`,
  );
  const csrf = {
    valid: [`_csrf=${encode(csrfToken)}`],
    none: [],
    bogus: [`_csrf=${encode(randomToken())}`],
    repeated: [`_csrf=${encode(csrfToken)}`, `_csrf=${encode(csrfToken)}`],
    empty: ['_csrf='],
  }[spec.csrf];
  return [...csrf, ...parts].join('&') + spec.junk;
}

function payloadOf(body: BodySpec, live: Live): { payload?: Buffer | string; natural?: string } {
  switch (body.kind) {
    case 'none':
      return {};
    case 'form':
      return { payload: formPayload(body, live), natural: FORM };
    case 'json': {
      const value =
        body.withCsrf && typeof body.value === 'object' && body.value !== null && !Array.isArray(body.value)
          ? { _csrf: csrfToken, ...body.value }
          : body.value;
      return { payload: JSON.stringify(value) ?? 'null', natural: 'application/json' };
    }
    case 'raw':
      return { payload: Buffer.from(body.bytes), natural: FORM };
  }
}

async function send(spec: RequestSpec, live: Live): Promise<[LightMyRequestResponse, string]> {
  const path = spec.route.replace(ID, spec.id === REAL_ID ? live.authenticatorId : spec.id);
  const url = spec.query === '' ? path : `${path}?${spec.query}`;
  const { payload, natural } = payloadOf(spec.body, live);
  const contentType = spec.contentType === 'match' ? natural : spec.contentType;
  const headers: Record<string, string> = {};
  if (live.cookies.length > 0) headers.cookie = live.cookies.join('; ');
  if (contentType !== undefined) headers['content-type'] = contentType;
  const response = await t.app.inject({
    method: spec.method as 'GET',
    url,
    headers,
    ...(payload === undefined ? {} : { payload }),
  });
  const label = `${spec.method} ${url} [${contentType ?? 'no content-type'}] ${
    typeof payload === 'string' ? payload.slice(0, 200) : `${payload?.length ?? 0} bytes`
  }`;
  return [response, label];
}

// ---- state for each run ----------------------------------------------------------------------

async function ensureAuthenticator(): Promise<string> {
  const existing = await t.ctx.store.listAuthenticators(user.id);
  if (existing[0]) return existing[0].id;
  const id = randomUUID();
  const sessionHash = `setup-${id}`;
  const now = t.ctx.nowSeconds();
  await t.ctx.store.savePendingEnrollment({
    sessionHash,
    userId: user.id,
    authenticatorId: id,
    name: 'Chrome plugin',
    secretSealed: sealSecret(t.ctx.keys.secrets, randomBytes(20), authenticatorAad(id, user.id)),
    otp: DEFAULT_TOTP,
    expiresAt: now + 600,
  });
  const added = await t.ctx.store.confirmEnrollment(sessionHash, id, 0, now);
  if (!added || added === NAME_TAKEN) throw new Error('could not add an authenticator');
  return added.id;
}

/**
 * A fresh session of `stage` for the test user (straight into the store), optionally with a
 * pending enrollment or a fallback code so the handlers' deeper paths are reachable.
 */
async function freshState(stage: SessionStage | null, extras: boolean, garbage: string[]): Promise<Live> {
  // An hour later each run: throttles, send caps and old codes are gone.
  t.clock.advance(3601);
  await t.ctx.store.unlock(user.id);
  const authenticatorId = await ensureAuthenticator();
  const cookies = [`_csrf=${csrfCookie}`, ...garbage];
  if (stage === null) return { authenticatorId, cookies };
  const { token, idHash } = newSessionToken();
  const now = t.ctx.nowSeconds();
  await t.ctx.store.createSession({
    idHash,
    userId: user.id,
    stage,
    createdAt: now,
    expiresAt: now + 600,
    authTime: now,
  });
  if (extras && stage === 'full') {
    const pendingId = randomUUID();
    await t.ctx.store.savePendingEnrollment({
      sessionHash: idHash,
      userId: user.id,
      authenticatorId: pendingId,
      name: 'Chrome plugin balie',
      secretSealed: sealSecret(t.ctx.keys.secrets, randomBytes(20), authenticatorAad(pendingId, user.id)),
      otp: DEFAULT_TOTP,
      expiresAt: now + 600,
    });
  }
  if (extras && stage === 'mfa') {
    await t.ctx.store.saveFallbackCode({
      sessionHash: idHash,
      channel: 'email',
      codeHash: randomToken(),
      expiresAt: now + 600,
      attempts: 0,
    });
  }
  return { authenticatorId, cookies: [`sid=${token}`, ...cookies] };
}

/** Cookies a client may send that the server did not set (unsigned, oversized, nonsense). */
const garbageCookiesArb: fc.Arbitrary<string[]> = fc.array(
  fc.oneof(
    fc.constantFrom(
      `sid=${'a'.repeat(101)}`,
      'sid=',
      'sid=%ZZ',
      'flash=%7B%22key%22%3A%22__proto__%22%7D',
      'flash=s%3Anot-signed',
      '_csrf=bogus',
      'remember=abc',
      `remember=${'b'.repeat(300)}`,
    ),
    fc
      .tuple(fc.constantFrom('sid', 'flash', 'remember', 'x'), fc.string({ maxLength: 40 }))
      .map(([k, v]) => `${k}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, ''))}`),
  ),
  { maxLength: 3 },
);

/** A flash cookie signed with the server's own key, carrying arbitrary JSON (what if the key leaked?). */
const signedFlashArb: fc.Arbitrary<string | null> = fc
  .option(
    fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.record({
        key: fc.constantFrom(...Object.keys(MESSAGES_NL), 'nope', '__proto__', 'toString'),
        params: fc.option(fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }))),
        kind: fc.constantFrom('error', 'notice', 42),
      }),
    ),
    { freq: 4 },
  )
  .map((value) =>
    value === null ? null : `flash=${encodeURIComponent(t.app.signCookie(JSON.stringify(value) ?? 'null'))}`,
  );

/** Runs the property for one route group; returns the status of every answer. */
async function runGroup(
  stage: SessionStage | null,
  routes: readonly string[],
  reachHandlers: boolean,
): Promise<number[]> {
  const statuses: number[] = [];
  await fc.assert(
    fc.asyncProperty(
      requestArb(routes, reachHandlers),
      fc.boolean(),
      stage === null ? garbageCookiesArb : fc.constant<string[]>([]),
      signedFlashArb,
      async (spec, extras, garbage, flash) => {
        const live = await freshState(stage, extras, flash === null ? garbage : [...garbage, flash]);
        const [response, label] = await send(spec, live);
        statuses.push(response.statusCode);
        expectCleanAnswer(response, label);
      },
    ),
    { numRuns: RUNS },
  );
  return statuses;
}

/** Answers given by the plugins before any handler ran: CSRF, no route, too large, media type. */
const SHALLOW = new Set([403, 404, 413, 415]);

const GROUPS: Array<[string, SessionStage | null, readonly string[]]> = [
  [
    'without a session (all routes; the login routes reach their handlers)',
    null,
    [...ALL_ROUTES, ...ANONYMOUS_ROUTES],
  ],
  ['half logged in (second step, e-mail/SMS code, restart, logout)', 'mfa', MFA_ROUTES],
  ['logged in (Mijn gegevens, password, reauth, enrollment, rename, remove)', 'full', FULL_ROUTES],
];

describe('random input at every form never gives a 5xx, and every 4xx is a Dutch page', () => {
  describe.each(GROUPS)('%s', (_name, stage, routes) => {
    test('anything: methods, content types, bodies, bytes, encodings, cookies', async () => {
      await runGroup(stage, routes, false);
    }, 30_000);

    test('random fields in a valid form with a valid CSRF token (reaching the handlers)', async () => {
      const statuses = await runGroup(stage, routes, true);
      // Keep the generator honest: most of these must get past the plugins into the handlers.
      const deep = statuses.filter((s) => !SHALLOW.has(s)).length;
      expect(deep / statuses.length).toBeGreaterThan(0.5);
    }, 30_000);
  });
});

describe('cases worth naming', () => {
  const cases: Array<[string, { method: 'GET' | 'POST'; url: string; ct?: string; body?: string }]> = [
    ['a field repeated', { method: 'POST', url: '/login', body: 'username=a&username=b&password=x' }],
    ['a missing field', { method: 'POST', url: '/login', body: 'username=a' }],
    ['a 20 KB body', { method: 'POST', url: '/login', body: `username=${'a'.repeat(20_480)}` }],
    ['a 15 KB field', { method: 'POST', url: '/login', body: `username=a&password=${'a'.repeat(15_000)}` }],
    [
      'JSON with object fields',
      { method: 'POST', url: '/login', ct: 'application/json', body: '{"username":{"a":1},"password":[1]}' },
    ],
    [
      'JSON __proto__',
      { method: 'POST', url: '/login', ct: 'application/json', body: '{"__proto__":{"x":1}}' },
    ],
    ['broken JSON', { method: 'POST', url: '/login', ct: 'application/json', body: '{"username":' }],
    ['multipart', { method: 'POST', url: '/login', ct: 'multipart/form-data; boundary=x', body: '--x--' }],
    ['bad escapes in the body', { method: 'POST', url: '/login', body: 'username=%E0%A4%A&password=%ZZ%' }],
    ['bad escapes in the query', { method: 'GET', url: '/login?next=%ZZ&%=%' }],
    ['a NUL byte', { method: 'POST', url: '/login', body: 'username=a%00b&password=x' }],
  ];
  test.each(cases)('%s is a clean 4xx page (or a page) without a session', async (_name, c) => {
    const live = await freshState(null, false, []);
    const body = c.body === undefined ? '' : `_csrf=${encode(csrfToken)}&${c.body}`;
    const response = await t.app.inject({
      method: c.method,
      url: c.url,
      headers: {
        cookie: live.cookies.join('; '),
        'content-type': c.ct ?? FORM,
      },
      ...(c.method === 'POST' ? { payload: c.ct === undefined ? body : (c.body ?? '') } : {}),
    });
    expectCleanAnswer(response, `${c.method} ${c.url}`);
    if (c.method === 'POST') expect(response.statusCode).toBeGreaterThanOrEqual(400);
  });

  // Signed in: an id that is not one the store makes never reaches it (PostgreSQL answered a NUL
  // byte with an error, a 500), whatever the method.
  test.each(['%00', 'a%00b', `${randomUUID()}%00`, randomUUID().toUpperCase(), 'not-an-id'])(
    'an authenticator id that is not one (%s) is a Dutch 404 page for a signed-in user',
    async (id) => {
      const live = await freshState('full', false, []);
      for (const [method, url] of [
        ['GET', `/account/authenticators/${id}/remove`],
        ['POST', `/account/authenticators/${id}/remove`],
        ['POST', `/account/authenticators/${id}/rename`],
      ] as const) {
        const response = await t.app.inject({
          method,
          url,
          headers: { cookie: live.cookies.join('; '), 'content-type': FORM },
          ...(method === 'POST' ? { payload: `_csrf=${encode(csrfToken)}&name=x` } : {}),
        });
        expectCleanAnswer(response, `${method} ${url}`);
        expect(response.statusCode, `${method} ${url}`).toBe(404);
      }
      expect(await t.ctx.store.getAuthenticator(live.authenticatorId, user.id)).not.toBeNull();
    },
  );

  // The router refuses these before any hook; they must still get the Dutch error page.
  test.each([
    '/login/%E0%A4%A',
    '/%',
    '/account/authenticators/%ZZ/rename',
    `/account/authenticators/${'x'.repeat(101)}/remove`,
  ])('a bad path (%s) is a Dutch 4xx page, not Fastify JSON', async (url) => {
    for (const method of ['GET', 'POST'] as const) {
      const response = await t.app.inject({
        method,
        url,
        headers: { 'content-type': FORM },
        ...(method === 'POST' ? { payload: `_csrf=${encode(csrfToken)}` } : {}),
      });
      expectCleanAnswer(response, `${method} ${url}`);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    }
  });
});
