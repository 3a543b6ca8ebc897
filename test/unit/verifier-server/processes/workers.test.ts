import { describe, expect, test } from 'vitest';
import { DEMO } from '../../../../verifier-server/seed/seed-demo';
import {
  childrenRunning,
  codeAt,
  commandLine,
  currentStep,
  enrollOverHttp,
  HttpClient,
  newVerifierKey,
  processTestDatabases,
  runVerifierToExit,
  startVerifier,
} from '../../../support/verifier-process';
import { openTestStore, TEST_STORE } from '../../../support/verifier-test-store';

/**
 * VERIFIER_WORKERS=N: N processes (node:cluster) on one database, on the project's store. The
 * database is migrated and seeded once, the start-up text printed once; a code sent to every
 * worker at once logs in once (SECURITY #5); a worker that dies is replaced.
 */

const database = processTestDatabases();

/** The primary's children that run the server (under tsx, an esbuild service may run beside them). */
const workersOf = (pid: number) => childrenRunning(pid, 'server');

const user = { username: DEMO.username, password: DEMO.password, email: DEMO.email };
const enrolled = (url: string) => enrollOverHttp(url, user);

describe('VERIFIER_WORKERS=2', () => {
  // The other tests run the build (`npm run verifier`); this one also server.ts under tsx, as
  // `npm start` and `npm run dev` run it, whose workers need tsx's loader too.
  test.each([
    ['the build', undefined],
    ['tsx', 'tsx'],
  ])(
    'one start-up text, one demo seed, two workers on one port; SIGTERM stops them all (%s)',
    async (_, entry) => {
      const db = await database();
      const server = await startVerifier({
        database: db,
        key: newVerifierKey(),
        ...(entry === undefined ? {} : { entry }),
        extra: { VERIFIER_WORKERS: '2' },
      });
      const args = (pid: number) => commandLine(pid)?.join(' ') ?? '';
      expect(args(server.child.pid as number).includes('tsx')).toBe(entry === 'tsx');
      const workers = workersOf(server.child.pid as number);
      expect(workers).toHaveLength(2);
      for (const pid of workers) expect(args(pid).includes('tsx')).toBe(entry === 'tsx');
      const out = server.stdout();
      expect(out.match(/^Verifier: /gm)).toHaveLength(1);
      expect(out.match(/^Demo-account/gm)).toHaveLength(1);
      expect(out).toContain('Workers:  2 processes on one database');
      const store = await openTestStore(db.config);
      try {
        expect((await store.listUsers()).map((u) => u.username)).toEqual(['demo']);
      } finally {
        await store.close();
      }
      expect(await server.stop('SIGTERM')).toEqual({ code: 0, signal: null });
      for (const pid of workers) expect(() => process.kill(pid, 0)).toThrow();
    },
    60_000,
  );

  test('the same valid code from 16 sessions at once, spread over both workers: exactly one login', async () => {
    const db = await database();
    const server = await startVerifier({
      database: db,
      key: newVerifierKey(),
      extra: { VERIFIER_WORKERS: '2' },
    });
    const { secret, step: enrolledStep } = await enrolled(server.url);
    const clients = Array.from({ length: 16 }, () => new HttpClient(server.url));
    for (const client of clients) {
      await client.get('/login');
      expect(
        (await client.post('/login', { username: user.username, password: user.password })).location,
      ).toBe('/login/code');
      await client.get('/login/code');
    }
    const page = await clients[0]?.get('/login/code');
    const id = /<option[^>]*value="([^"]+)"/.exec(page?.body ?? '')?.[1] as string;
    const code = codeAt(secret, Math.max(currentStep(), enrolledStep + 1));
    const answers = await Promise.all(clients.map((c) => c.post('/login/code', { authenticator: id, code })));
    expect(answers.filter((a) => a.location === '/account')).toHaveLength(1);
    for (const a of answers.filter((x) => x.location !== '/account')) expect([401, 429]).toContain(a.status);
  }, 60_000);

  test('a worker killed with SIGKILL is replaced; the other serves meanwhile', async () => {
    const db = await database();
    const server = await startVerifier({
      database: db,
      key: newVerifierKey(),
      extra: { VERIFIER_WORKERS: '2' },
    });
    const [first] = workersOf(server.child.pid as number);
    process.kill(first as number, 'SIGKILL');
    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 20_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    };
    // Once the primary has noticed, the other worker serves every request.
    await until(() => server.stdout().includes('"event":"worker.exited"'));
    const client = new HttpClient(server.url);
    for (let i = 0; i < 20; i++) expect((await client.get('/login')).status).toBe(200);
    let workers = workersOf(server.child.pid as number);
    await until(() => {
      workers = workersOf(server.child.pid as number);
      return workers.length === 2 && !workers.includes(first as number);
    });
    expect(workers).toHaveLength(2);
    expect(workers).not.toContain(first);
  }, 60_000);
});

test.runIf(TEST_STORE === 'sqlite')(
  'VERIFIER_WORKERS with an in-memory SQLite database is refused: the workers would not share it',
  async () => {
    const run = await runVerifierToExit({
      databasePath: ':memory:',
      key: newVerifierKey(),
      extra: { VERIFIER_WORKERS: '2' },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('VERIFIER_WORKERS needs one database for all workers');
  },
);
