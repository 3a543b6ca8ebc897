import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { HOTP, Secret } from 'otpauth';
import { describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { DEMO } from '../../../../verifier-server/seed/seed-demo';
import { NAME_TAKEN } from '../../../../verifier-server/store/authenticator-store';
import { manualKeyOf } from '../../../support/manual-key-of';
import {
  exitOf,
  HttpClient,
  loginByEmailOverHttp,
  newVerifierKey,
  processTestDatabases,
  spawnTsx,
  startVerifier,
} from '../../../support/verifier-process';

import type { TestDatabase } from '../../../support/verifier-test-database';
import { openTestStore } from '../../../support/verifier-test-store';

/**
 * SECURITY #5: the check-and-mark of a time step is one atomic statement, so two server
 * processes on one database accept one valid code exactly once, however often it arrives. On the
 * project's store: one SQLite file (`unit`), or one PostgreSQL schema (`unit-pg`).
 */

const WORKER = 'test/unit/verifier-server/processes/fixtures/accept-step-worker.ts';
const SESSIONS = 16;

const database = processTestDatabases();

function codeAt(base32: string, step: number): string {
  return HOTP.generate({ secret: Secret.fromBase32(base32), counter: step });
}

const currentStep = () => Math.floor(Date.now() / 30_000);

describe('two server processes on one database', () => {
  test(`the same valid code from ${SESSIONS} sessions on both processes logs in exactly once`, async () => {
    const db = await database();
    const key = newVerifierKey();
    // The first seeds demo/demo before it listens; the second starts once the users exist.
    const a = await startVerifier({ database: db, key });
    const starting = startVerifier({ database: db, key });
    const user = { username: DEMO.username, password: DEMO.password, email: DEMO.email };

    // Log in by e-mail (mandatory 2FA, no authenticator yet), then enroll over HTTP.
    const owner = new HttpClient(a.url);
    await loginByEmailOverHttp(owner, user);
    const b = await starting;
    expect((await owner.get('/account/authenticators/new')).status).toBe(200);
    const named = await owner.post('/account/authenticators/new', { name: 'Chrome plugin balie' });
    expect(named.location).toBe('/account/authenticators/new/step-2');
    // Step 2 is read from the other process: the pending secret lives in the shared database.
    const scanner = owner.cloneFor(b.url);
    const secret = manualKeyOf((await scanner.get('/account/authenticators/new/step-2')).body);
    const enrolledStep = currentStep();
    const confirmed = await scanner.post('/account/authenticators/new/step-2', {
      code: codeAt(secret, enrolledStep),
    });
    expect(confirmed.location).toBe('/account');

    // N half-logged-in sessions, alternating between the processes. One after the other: the
    // password step claims each attempt before hashing (SECURITY #31), so one address's parallel
    // logins would wait; the race under test is the code step below.
    const clients = Array.from({ length: SESSIONS }, (_, i) => new HttpClient(i % 2 === 0 ? a.url : b.url));
    const offered: Array<string | undefined> = [];
    for (const client of clients) {
      await client.get('/login');
      const first = await client.post('/login', { username: user.username, password: user.password });
      expect(first.location).toBe('/login/code');
      const second = await client.get('/login/code');
      offered.push(/<option[^>]*value="([^"]+)"/.exec(second.body)?.[1]);
    }
    const authenticatorId = offered[0];
    expect(authenticatorId).toBeDefined();
    expect(new Set(offered).size).toBe(1);

    // The enrollment code's step is used up (SECURITY #4). Rather than wait for the next 30 s
    // step, use the next step's code: the server accepts T+1 (RFC 6238 §5.2), so it is valid now.
    const step = Math.max(currentStep(), enrolledStep + 1);
    const code = codeAt(secret, step);
    const answers = await Promise.all(
      clients.map((c) => c.post('/login/code', { authenticator: authenticatorId as string, code })),
    );

    const successes = answers.filter((r) => r.status === 303 && r.location === '/account');
    expect(successes).toHaveLength(1);
    for (const r of answers.filter((x) => !successes.includes(x))) {
      // A replay (401) or a request the account throttle made wait (429); never a login.
      expect([401, 429]).toContain(r.status);
      expect(r.location).toBeUndefined();
    }
    // The winner really is logged in; a loser is not.
    const winner = clients[answers.indexOf(successes[0] as (typeof answers)[number])] as HttpClient;
    expect((await winner.get('/account')).status).toBe(200);
    const loser = clients[answers.findIndex((r) => !successes.includes(r))] as HttpClient;
    expect((await loser.get('/account')).location).toBe('/login/code');
  }, 60_000);
});

interface WorkerResult {
  readonly accepted: number;
  readonly calls: number;
}

/** Runs the worker in two processes at once on one database; returns their results. */
async function raceTwoWorkers(args: (worker: number) => readonly string[]): Promise<WorkerResult[]> {
  const workers = [0, 1].map((w) => {
    const child = spawnTsx(WORKER, args(w));
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (c: string) => {
      stderr += c;
    });
    const lines: string[] = [];
    let onReady: () => void = () => {};
    const ready = new Promise<void>((resolve) => {
      onReady = resolve;
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') onReady();
    });
    const result = exitOf(child).then((exit) => {
      if (exit.code !== 0) throw new Error(`worker failed (${exit.code ?? exit.signal}): ${stderr}`);
      return JSON.parse(lines.at(-1) ?? '') as WorkerResult;
    });
    return { child, ready, result };
  });
  // Both open the database and say "ready"; then both get "go" at once.
  await Promise.race([
    Promise.all(workers.map((w) => w.ready)),
    Promise.all(workers.map((w) => w.result)), // rejects if a worker dies before it is ready
  ]);
  for (const w of workers) w.child.stdin?.end('go\n');
  return Promise.all(workers.map((w) => w.result));
}

/**
 * Two sessions per worker process (keys: selector.validator hash); a worker moves on to its next
 * one after an accepted call, which moves the session to validator 'full'.
 */
const SESSIONS_OF = [
  ['w0-a.mfa', 'w0-b.mfa'],
  ['w1-a.mfa', 'w1-b.mfa'],
];

/** A user with one authenticator whose last accepted step is `lastStep`, and the workers' sessions. */
async function databaseWithAuthenticator(lastStep: number) {
  const db = await database();
  const store = await openTestStore(db.config);
  const org = await store.createOrganisation('Praktijk', true);
  const user = await store.createUser({
    organisationId: org.id,
    username: 'replay',
    email: 'replay@praktijk.example',
    mobile: null,
    passwordHash: 'not-used',
  });
  const now = Math.floor(Date.now() / 1000);
  const authenticatorId = randomUUID();
  await store.savePendingEnrollment({
    sessionHash: 'session',
    userId: user.id,
    authenticatorId,
    name: 'Chrome plugin',
    secretSealed: new Uint8Array(48),
    otp: DEFAULT_TOTP,
    expiresAt: now + 600,
  });
  const authenticator = await store.confirmEnrollment('session', authenticatorId, lastStep, now);
  for (const idHash of SESSIONS_OF.flat())
    await store.createSession({
      idHash,
      userId: user.id,
      stage: 'mfa',
      createdAt: now,
      expiresAt: now + 600,
      authTime: now,
    });
  await store.close();
  if (!authenticator || authenticator === NAME_TAKEN) throw new Error('enrollment failed');
  return { db, id: authenticator.id, userId: user.id };
}

const workerArgs =
  (mode: string, db: TestDatabase, id: string, userId: number, step: number, calls: number) =>
  (w: number) => [
    mode,
    JSON.stringify(db.config),
    id,
    String(userId),
    String(step),
    String(calls),
    ...(SESSIONS_OF[w] ?? []),
  ];

describe('the store guard across two processes', () => {
  test('the same step offered in a tight loop by two processes through the whole second step: accepted exactly once', async () => {
    const step = 59_000_000;
    const { db, id, userId } = await databaseWithAuthenticator(step - 1);
    const results = await raceTwoWorkers(workerArgs('store', db, id, userId, step, 3000));
    expect(results.map((r) => r.calls)).toEqual([3000, 3000]);
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(1);

    const store = await openTestStore(db.config);
    try {
      const after = await store.getAuthenticator(id, userId);
      expect(after?.lastStep).toBe(step);
      // Exactly one session moved to stage full.
      const full = await Promise.all(
        SESSIONS_OF.flat().map((h) => store.getSession(h.replace('.mfa', '.full'), 0)),
      );
      expect(full.filter((s) => s !== null)).toHaveLength(1);
    } finally {
      await store.close();
    }
  }, 60_000);

  test('negative control: a read-then-write guard in the same harness accepts the code twice', async () => {
    const step = 59_000_000;
    const { db, id, userId } = await databaseWithAuthenticator(step - 1);
    const results = await raceTwoWorkers(workerArgs('naive', db, id, userId, step, 5));
    // Both processes read "not used yet" before either marked it: the harness sees the race.
    expect(results.reduce((n, r) => n + r.accepted, 0)).toBeGreaterThan(1);
  }, 60_000);
});
