import { describe, expect, test } from 'vitest';
import {
  HttpClient,
  newVerifierKey,
  processTestDatabases,
  runVerifierToExit,
  startVerifier,
  type VerifierEnv,
} from '../../../support/verifier-process';
import type { TestDatabase } from '../../../support/verifier-test-database';
import { openTestStore } from '../../../support/verifier-test-store';

const database = processTestDatabases();

async function users(db: TestDatabase): Promise<string[]> {
  const store = await openTestStore(db.config);
  try {
    return (await store.listUsers()).map((u) => u.username);
  } finally {
    await store.close();
  }
}

/** Starts a verifier, tries demo/demo, stops it: what an outsider would find. */
async function tryDemo(options: VerifierEnv) {
  const server = await startVerifier(options);
  const client = new HttpClient(server.url);
  const loginPage = await client.get('/login');
  const login = await client.post('/login', { username: 'demo', password: 'demo' });
  const outbox = (await client.get('/outbox.json')).status;
  await server.stop();
  return { stdout: server.stdout(), stderr: server.stderr(), loginPage, login, outbox };
}

// SECURITY #27: demo/demo exists only on a new database served over http to this machine alone.
describe('the demo account', () => {
  test('a new database on 127.0.0.1 gets demo/demo, and every page says it is for local testing', async () => {
    const db = await database();
    const run = await tryDemo({ database: db, key: newVerifierKey() });
    expect(run.stdout).toContain('demo / demo');
    expect(run.login.status).toBe(303);
    expect(run.loginPage.body).toContain('id="demo-notice"');
    expect(run.loginPage.body).toContain('alleen bedoeld om op deze computer te testen');
    expect(run.outbox).toBe(200);
    if (process.platform === 'linux')
      expect(run.stdout).toContain('/outbox (only from this machine, to this OS user)');
  }, 60_000);

  test.each([
    [0, 'listening on 0.0.0.0', { host: '0.0.0.0' }, 200],
    [1, 'behind https (secure cookies, a proxy in front)', { extra: { VERIFIER_SECURE_COOKIES: '1' } }, 404],
    [
      2,
      'behind https with VERIFIER_OUTBOX=1',
      { extra: { VERIFIER_SECURE_COOKIES: '1', VERIFIER_OUTBOX: '1' } },
      200,
    ],
    // A proxy on this host connects from loopback for anyone: told only by its configuration.
    [
      3,
      'behind a trusted proxy (VERIFIER_TRUST_PROXY)',
      { extra: { VERIFIER_TRUST_PROXY: '127.0.0.1' } },
      404,
    ],
  ])(
    'case %i: a new database %s gets no demo account, says so, and still starts; the outbox answers as the case says',
    async (_i, _what, env, outbox) => {
      const db = await database();
      const run = await tryDemo({ database: db, key: newVerifierKey(), ...env });
      expect(run.stdout).toContain('No demo account');
      expect(run.stdout).not.toContain('demo / demo');
      expect(run.login.status).toBe(401);
      expect(run.loginPage.body).not.toContain('demo-notice');
      expect(await users(db)).toEqual([]);
      expect(run.outbox).toBe(outbox);
    },
    60_000,
  );

  test('VERIFIER_OUTBOX=0 closes the outbox on this machine too; any other value stops the start with the reason', async () => {
    const db = await database();
    const key = newVerifierKey();
    const off = await tryDemo({ database: db, key, extra: { VERIFIER_OUTBOX: '0' } });
    expect(off.outbox).toBe(404);
    expect(off.stdout).not.toContain('Outbox:');
    const wrong = await runVerifierToExit({ database: db, key, extra: { VERIFIER_OUTBOX: 'yes' } });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('VERIFIER_OUTBOX must be 1 (everyone may read it) or 0 (off), not "yes"');
  }, 60_000);

  test('a database that is not new gets no demo account, even when it has no users', async () => {
    const db = await database();
    const key = newVerifierKey();
    // The administrator set up the database with the CLI first.
    expect((await runVerifierToExit({ database: db, key }, ['add-org', 'Praktijk Zuid'])).code).toBe(0);
    const run = await tryDemo({ database: db, key });
    expect(run.login.status).toBe(401);
    expect(await users(db)).toEqual([]);
  }, 60_000);

  test('demo/demo made earlier on 127.0.0.1 and now reachable from elsewhere: a warning at start-up', async () => {
    const db = await database();
    const key = newVerifierKey();
    await tryDemo({ database: db, key });
    const exposed = await tryDemo({ database: db, key, host: '0.0.0.0' });
    expect(exposed.stderr).toMatch(/WARNING: the demo account \(demo\/demo\) exists/);
    expect(exposed.loginPage.body).toContain('id="demo-notice"');
    // Once its password is changed it is an ordinary account: no warning, no notice.
    const options = { database: db, key };
    const set = await runVerifierToExit(options, ['set-password', 'demo'], 20_000, 'a real passphrase\n');
    expect(set.code).toBe(0);
    const changed = await tryDemo({ ...options, host: '0.0.0.0' });
    expect(changed.stderr).not.toContain('WARNING');
    expect(changed.login.status).toBe(401);
    expect(changed.loginPage.body).not.toContain('demo-notice');
  }, 90_000);
});

test('two verifiers started at once on a new database: it is migrated and seeded once, both serve', async () => {
  const db = await database();
  const key = newVerifierKey();
  const [a, b] = await Promise.all([
    startVerifier({ database: db, key }),
    startVerifier({ database: db, key }),
  ]);
  expect([a.stdout(), b.stdout()].filter((out) => out.includes('demo / demo'))).toHaveLength(1);
  expect(await users(db)).toEqual(['demo']);
  for (const server of [a, b]) {
    const client = new HttpClient(server.url);
    await client.get('/login');
    expect((await client.post('/login', { username: 'demo', password: 'demo' })).status).toBe(303);
  }
}, 60_000);
