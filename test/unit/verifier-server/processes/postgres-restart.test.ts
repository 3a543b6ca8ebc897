import { randomBytes, randomUUID } from 'node:crypto';
import { HOTP, Secret } from 'otpauth';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { deriveKeys } from '../../../../verifier-server/auth/derive-keys';
import { authenticatorAad, sealSecret } from '../../../../verifier-server/auth/secret-box';
import { newSessionToken } from '../../../../verifier-server/auth/session-token';
import { createPostgresStore } from '../../../../verifier-server/store/postgres/create-postgres-store';
import { DEFAULT_POSTGRES } from '../../../../verifier-server/store/postgres/postgres-db';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../../../support/verifier-postgres';
import { processTestDatabases, startVerifier } from '../../../support/verifier-process';
import { TEST_STORE } from '../../../support/verifier-test-store';

/**
 * PostgreSQL restarted under load (unit-pg only; a server of its own, so no other test sees it
 * go): every request fails closed while it is gone (503 + Retry-After, never a login), no code is
 * accepted twice, and the same verifier process serves logins again once it is back.
 */

processTestDatabases(); // kills the verifier after each test
let postgres: ThrowawayPostgres | undefined;
beforeAll(async () => {
  if (TEST_STORE === 'postgres') postgres = await startThrowawayPostgres();
}, 30_000);
afterAll(() => postgres?.stop());

interface Fixture {
  readonly id: string;
  readonly secret: Secret;
  /** Two half-logged-in sessions: the same code is sent from both at once. */
  readonly sessions: readonly [string, string];
}

async function fixtures(url: string, key: Uint8Array, count: number): Promise<Fixture[]> {
  const store = await createPostgresStore({ ...DEFAULT_POSTGRES, url }, () => undefined);
  const { secrets } = deriveKeys(key);
  const now = Math.floor(Date.now() / 1000);
  const org = await store.createOrganisation('Praktijk', true);
  const out: Fixture[] = [];
  for (let i = 0; i < count; i++) {
    const user = await store.createUser({
      organisationId: org.id,
      username: `user${i}`,
      email: `user${i}@praktijk.example`,
      mobile: null,
      passwordHash: 'unused',
    });
    const id = randomUUID();
    const secret = randomBytes(20);
    await store.savePendingEnrollment({
      sessionHash: `pending-${id}`,
      userId: user.id,
      authenticatorId: id,
      name: 'Telefoon',
      secretSealed: sealSecret(secrets, secret, authenticatorAad(id, user.id)),
      otp: DEFAULT_TOTP,
      expiresAt: now + 600,
    });
    await store.confirmEnrollment(`pending-${id}`, id, Math.floor(now / 30) - 2, now);
    const made = [newSessionToken(), newSessionToken()] as const;
    const tokens = [made[0].token, made[1].token] as const;
    for (const { idHash } of made)
      await store.createSession({
        idHash,
        userId: user.id,
        stage: 'mfa',
        createdAt: now,
        expiresAt: now + 600,
        authTime: now,
      });
    out.push({ id, secret: new Secret({ buffer: new Uint8Array(secret).buffer }), sessions: tokens });
  }
  await store.close();
  return out;
}

interface Answer {
  readonly user: number;
  readonly status: number;
  readonly location: string | null;
  readonly retryAfter: string | null;
  /** When the request was sent, and when its answer came. */
  readonly sentAt: number;
  readonly at: number;
}

describe.runIf(TEST_STORE === 'postgres')('PostgreSQL restarted under load', () => {
  test('fails closed while it is gone, accepts nothing twice, and serves again without a restart of the verifier', async () => {
    const db = postgres as ThrowawayPostgres;
    const key = randomBytes(32);
    const users = await fixtures(db.url, key, 1_000);
    const verifier = await startVerifier({
      key: key.toString('base64'),
      seed: false,
      extra: { DATABASE_URL: db.url, VERIFIER_PG_CONNECT_TIMEOUT_MS: '500' },
    });
    const login = await fetch(`${verifier.url}/login`);
    const csrfCookie =
      login.headers
        .getSetCookie()
        .find((c) => c.startsWith('_csrf='))
        ?.split(';')[0] ?? '';
    const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';

    const answers: Answer[] = [];
    const send = async (user: number, session: string, code: string) => {
      const u = users[user] as Fixture;
      const sentAt = Date.now();
      const response = await fetch(`${verifier.url}/login/code`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          cookie: `sid=${session}; ${csrfCookie}`,
        },
        body: new URLSearchParams({ _csrf: token, authenticator: u.id, code }).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer();
      answers.push({
        user,
        status: response.status,
        location: response.headers.get('location'),
        retryAfter: response.headers.get('retry-after'),
        sentAt,
        at: Date.now(),
      });
    };
    // Eight users at a time, each user's code from both its sessions at once, about 160 users a
    // second (a 503 comes fast; unpaced, the lanes would use up every user while it is down).
    let next = 0;
    let stop = false;
    const lanes = Array.from({ length: 8 }, async () => {
      while (!stop && next < users.length) {
        const user = next++;
        const { secret, sessions } = users[user] as Fixture;
        // One code for both: computed per request, two requests could straddle a step boundary
        // and carry two different valid codes, each rightly accepted once.
        const code = HOTP.generate({ secret, counter: Math.floor(Date.now() / 30_000) });
        await Promise.all([
          send(user, sessions[0], code),
          send(user, sessions[1], code),
          new Promise((resolve) => setTimeout(resolve, 50)),
        ]);
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await db.halt();
    const down = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const up = Date.now();
    await db.resume();
    const back = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    stop = true;
    await Promise.all(lanes);

    const loggedIn = (a: Answer) => a.status === 303 && a.location === '/account';
    // Only a login, a replay or throttle refusal, or a 503 that says when to retry: nothing else.
    for (const a of answers) {
      const ok =
        loggedIn(a) || a.status === 401 || a.status === 429 || (a.status === 503 && a.retryAfter === '2');
      expect(ok, `answer ${a.status} ${a.location}`).toBe(true);
    }
    // Sent and answered while it was down: on a busy machine a request sent just before the halt
    // may be answered (rightly: a login or a replay refused) a moment after it.
    const whileDown = answers.filter((a) => a.sentAt > down && a.at < up);
    expect(whileDown.length).toBeGreaterThan(0);
    expect(whileDown.filter(loggedIn)).toEqual([]);
    expect(whileDown.every((a) => a.status === 503)).toBe(true);
    // One code, two sessions: never two logins.
    const logins = new Map<number, number>();
    for (const a of answers.filter(loggedIn)) logins.set(a.user, (logins.get(a.user) ?? 0) + 1);
    expect([...logins.values()].filter((n) => n > 1)).toEqual([]);
    // The same process serves logins again.
    expect(answers.some((a) => a.at > back && loggedIn(a))).toBe(true);
    expect(verifier.child.exitCode).toBeNull();
    // And the database agrees: no user has two full sessions.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const twice = await client.query(
      `SELECT user_id FROM sessions WHERE stage = 'full' GROUP BY user_id HAVING count(*) > 1`,
    );
    await client.end();
    expect(twice.rows).toEqual([]);
  }, 60_000);
});
