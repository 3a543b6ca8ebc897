import { HOTP, Secret } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { parseKey } from '../../../../verifier-server/auth/load-key';
import { runCli } from '../../../../verifier-server/cli/run-cli';
import { defaultConfig } from '../../../../verifier-server/config';
import { DEMO } from '../../../../verifier-server/seed/seed-demo';
import { manualKeyOf } from '../../../support/manual-key-of';
import {
  captureIo,
  HttpClient,
  loginByEmailOverHttp,
  newVerifierKey,
  processTestDatabases,
  startVerifier,
} from '../../../support/verifier-process';
import type { TestDatabase } from '../../../support/verifier-test-database';

/**
 * SECURITY #17: a new authenticator is inactive until its first code is confirmed, in one
 * transaction. A server killed with SIGKILL mid-enrollment must restart without a half-active one.
 * On the project's store: a SQLite file (`unit`) or a PostgreSQL schema (`unit-pg`).
 */

const STEP_2 = '/account/authenticators/new/step-2';
const NAME = 'Chrome plugin balie';
const user = { username: DEMO.username, password: DEMO.password, email: DEMO.email };

const database = processTestDatabases();

const currentStep = () => Math.floor(Date.now() / 30_000);
const codeAt = (base32: string, step: number) =>
  HOTP.generate({ secret: Secret.fromBase32(base32), counter: step });

/** Rows as the database holds them (another connection, beside the running server). */
async function rows(db: TestDatabase) {
  const count = async (table: string) =>
    Number((await db.query<{ n: number | string }>(`SELECT count(*) AS n FROM ${table}`))[0]?.n);
  return { authenticators: await count('authenticators'), pending: await count('pending_enrollments') };
}

async function listAuthenticatorsByCli(db: TestDatabase, key: string): Promise<string> {
  const capture = captureIo();
  const config = defaultConfig({
    ...db.config,
    secretKey: parseKey(key, 'test key'),
    argon2: { memorySize: 1024, iterations: 1 },
    log: false,
  });
  expect(await runCli(['list-authenticators', DEMO.username], config, capture.io)).toBe(0);
  return capture.out();
}

/** Starts a seeded server, logs in by e-mail and does enrollment step 1; returns the secret of step 2. */
async function enrollStepOne(db: TestDatabase, key: string) {
  const server = await startVerifier({ database: db, key });
  const client = new HttpClient(server.url);
  await loginByEmailOverHttp(client, user);
  expect((await client.get('/account/authenticators/new')).status).toBe(200);
  const named = await client.post('/account/authenticators/new', { name: NAME });
  expect(named.location).toBe(STEP_2);
  const secret = manualKeyOf((await client.get(STEP_2)).body);
  return { server, client, secret };
}

/** A new login over the password step and the authenticator's code, as proof it is fully active. */
async function loginWithAuthenticator(url: string, secret: string, afterStep: number) {
  const client = new HttpClient(url);
  await client.get('/login');
  const first = await client.post('/login', { username: user.username, password: user.password });
  expect(first.location).toBe('/login/code');
  const page = await client.get('/login/code');
  expect(page.body).toContain(NAME);
  const id = /<option[^>]*value="([^"]+)"/.exec(page.body)?.[1] as string;
  const step = Math.max(currentStep(), afterStep + 1);
  return client.post('/login/code', { authenticator: id, code: codeAt(secret, step) });
}

describe('SIGKILL in the middle of enrollment', () => {
  test('after step 1: the restarted server has no authenticator, and step 2 either completes cleanly or starts over', async () => {
    const db = await database();
    const key = newVerifierKey();
    const { server, client, secret } = await enrollStepOne(db, key);
    expect(await server.stop('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    const restarted = await startVerifier({ database: db, key });
    client.baseUrl = restarted.url;

    // No authenticator anywhere: "Mijn gegevens", the CLI, the database.
    const account = await client.get('/account');
    expect(account.status).toBe(200);
    expect(account.body).toContain('U heeft nog geen authenticator toegevoegd.');
    expect(account.body).not.toContain(NAME);
    expect(await listAuthenticatorsByCli(db, key)).toContain('"demo" has no authenticators.');
    expect((await rows(db)).authenticators).toBe(0);

    // The login's second step offers no authenticator: it goes to the e-mail/SMS code.
    const other = new HttpClient(restarted.url);
    await other.get('/login');
    const first = await other.post('/login', { username: user.username, password: user.password });
    expect(first.location).toBe('/login/fallback');
    expect((await other.get('/login/code')).location).toBe('/login/fallback');

    // Finishing step 2 in the same session: a fully active authenticator, or back to step 1.
    await client.get(STEP_2);
    const enrolledStep = currentStep();
    const done = await client.post(STEP_2, { code: codeAt(secret, enrolledStep) });
    expect(done.status).toBe(303);
    expect(['/account', '/account/authenticators/new']).toContain(done.location);
    if (done.location === '/account') {
      expect(await rows(db)).toEqual({ authenticators: 1, pending: 0 });
      expect((await client.get('/account')).body).toContain(NAME);
      expect(await listAuthenticatorsByCli(db, key)).toContain(NAME);
      const login = await loginWithAuthenticator(restarted.url, secret, enrolledStep);
      expect(login.status).toBe(303);
      expect(login.location).toBe('/account');
    } else {
      expect((await rows(db)).authenticators).toBe(0);
      expect((await client.get('/account')).body).toContain('U heeft nog geen authenticator toegevoegd.');
    }
  }, 60_000);

  test('killed while step 2 is being confirmed: either an active authenticator or a pending one, never both or half', async () => {
    const db = await database();
    const key = newVerifierKey();
    const { server, client, secret } = await enrollStepOne(db, key);
    const enrolledStep = currentStep();
    // Send the confirmation and kill the server without waiting for the answer.
    const answer = client.post(STEP_2, { code: codeAt(secret, enrolledStep) }).catch(() => null);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await server.stop('SIGKILL');
    await answer;
    // PostgreSQL finishes (or rolls back) what the dead process had already sent a moment later.
    if (db.kind === 'postgres') await new Promise((resolve) => setTimeout(resolve, 300));

    const state = await rows(db);
    expect([
      { authenticators: 1, pending: 0 },
      { authenticators: 0, pending: 1 },
    ]).toContainEqual(state);

    const restarted = await startVerifier({ database: db, key });
    if (state.authenticators === 1) {
      // Confirmed before the kill: it works for login, and only with a later code.
      const login = await loginWithAuthenticator(restarted.url, secret, enrolledStep);
      expect(login.location).toBe('/account');
    } else {
      // Not confirmed: nothing is offered at login; the pending secret still needs its code.
      const other = new HttpClient(restarted.url);
      await other.get('/login');
      const first = await other.post('/login', { username: user.username, password: user.password });
      expect(first.location).toBe('/login/fallback');
      client.baseUrl = restarted.url;
      const done = await client.post(STEP_2, { code: codeAt(secret, enrolledStep) });
      expect(['/account', '/account/authenticators/new']).toContain(done.location);
      expect((await rows(db)).authenticators).toBe(done.location === '/account' ? 1 : 0);
    }
  }, 60_000);
});
