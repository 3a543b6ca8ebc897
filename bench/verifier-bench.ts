/**
 * The verifier benchmark (issues 2 and 13): autocannon on loopback against the verifier started
 * as an operator would (`npm run verifier`: the built server in child processes, logging to a
 * file), on databases prepared in bulk: SQLite and PostgreSQL (a throwaway server with durable
 * commits), one instance and two (VERIFIER_WORKERS=2). A bare Fastify hello-world, built and run
 * the same way in its own process, runs in the same run, first, last and between, as the
 * reference: every rate is also printed as a share of it, since the machine is shared and its
 * speed varies. Ends with PostgreSQL restarted under load.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildVerifier, temporaryBuildFolder } from '../scripts/build-verifier';
import {
  createTestSchema,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../test/support/verifier-postgres';
import { type LoadResult, loadRun } from './load-run';
import { treeCpuSeconds } from './verifier-cpu';
import { faultRun } from './verifier-fault-run';
import { type BenchUser, currentCode, prepareFixtures, wrongCode } from './verifier-fixtures';
import { buildBareServer, type Running, startBareServer, startVerifierInstance } from './verifier-instance';
import { printReport, type VerifierReport, type VerifierRun } from './verifier-report';
import { csrfPair, secondStepRequests } from './verifier-requests';

/** One user per valid request: a code is single use and each success rotates the session. */
const VALID = 30_000;
/**
 * Verifications before each measured valid-code run, on users of their own: the path is compiled
 * and its caches warm when the measurement starts, as on a server that has been up a while.
 */
const WARM = 6_000;
const WRONG = 20_000;
/**
 * Users of the fault run, two requests each: more than its 10 s send at full speed, so no
 * connection runs out of requests and sends one of its first again (autocannon cycles a list).
 */
const FAULT = 30_000;
const CONNECTIONS = 50;
/** VERIFIER_BENCH_RUNS=sqlite-1,pg-1 runs only those (sqlite-1, sqlite-quiet, sqlite-2, pg-1, pg-2, fault). */
const ONLY = process.env.VERIFIER_BENCH_RUNS?.split(',');
const wanted = (run: string) => ONLY === undefined || ONLY.includes(run);
/** Both PostgreSQL runs: each is then made twice, ×1, ×2, ×2, ×1. */
const pgBoth = wanted('pg-1') && wanted('pg-2');

export async function runVerifierBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-bench-'));
  const key = randomBytes(32);
  const keyEnv = { VERIFIER_KEY: key.toString('base64') };
  const running: Running[] = [];
  let postgres: ThrowawayPostgres | undefined;
  /** The built server (`npm run verifier` runs the same build) and the built reference. */
  let verifierEntry = '';
  let bareEntry = '';
  let builds: string | undefined;
  const start = async (name: string, env: Record<string, string>) => {
    // The runs before wrote hundreds of megabytes (WAL, checkpoints, logs): the kernel writes them
    // back now, not in the background of this run's fsyncs (which PostgreSQL's commits wait for).
    execFileSync('sync');
    const instance = await startVerifierInstance(
      verifierEntry,
      { ...keyEnv, ...env },
      join(dir, `${name}.log`),
    );
    running.push(instance);
    return instance;
  };
  try {
    const began = performance.now();
    builds = temporaryBuildFolder('verifier-bench-');
    verifierEntry = await buildVerifier(join(builds, 'verifier'));
    bareEntry = await buildBareServer(join(builds, 'bare'));
    postgres = await startThrowawayPostgres({ durable: true });
    const schema = await createTestSchema(postgres.url);
    const sqlitePath = join(dir, 'bench.db');
    const plus = (n: number) => n + CONNECTIONS;
    const lite = await prepareFixtures({ sqlite: sqlitePath }, key, {
      one: plus(VALID),
      quiet: plus(VALID),
      two: plus(VALID),
      oneWarm: plus(WARM),
      quietWarm: plus(WARM),
      twoWarm: plus(WARM),
      wrong: plus(WRONG),
      throttled: CONNECTIONS,
      login: 1,
    });
    const pg = await prepareFixtures(
      { postgres: schema.url },
      key,
      {
        one: plus(VALID),
        two: plus(VALID),
        oneWarm: plus(WARM),
        twoWarm: plus(WARM),
        ...(pgBoth
          ? {
              oneAgain: plus(VALID),
              twoAgain: plus(VALID),
              oneAgainWarm: plus(WARM),
              twoAgainWarm: plus(WARM),
            }
          : {}),
        fault: FAULT,
      },
      2,
    );
    // The bulk load leaves PostgreSQL work to do (autovacuum and analyze of every table, a
    // checkpoint of the new pages): done now, not in the background of the first measured runs.
    await schema.query('VACUUM ANALYZE');
    await schema.query('CHECKPOINT');
    const group = (f: typeof lite, name: string) => f.groups[name] ?? [];
    const users = [...Object.values(lite.groups), ...Object.values(pg.groups)].flat().length;
    const prepSeconds = (performance.now() - began) / 1000;
    process.stdout.write(`fixtures: ${users.toLocaleString('en-US')} users in ${prepSeconds.toFixed(1)} s\n`);

    const runs: VerifierRun[] = [];
    const show = (run: VerifierRun) => {
      runs.push(run);
      process.stdout.write(`  ${run.result.name}: ${Math.round(run.result.rps)} req/s\n`);
    };
    const bare = async (name: string, workers = 1): Promise<VerifierRun> => {
      const server = await startBareServer(bareEntry, workers);
      running.push(server);
      await loadRun('warm-up', { url: server.url, connections: CONNECTIONS, duration: 1 });
      const pid = server.child.pid as number;
      const before = treeCpuSeconds(pid);
      const result = await loadRun(name, { url: server.url, connections: CONNECTIONS, duration: 5 });
      const cpuMicros = ((treeCpuSeconds(pid) - before) * 1e6) / result.requests;
      await server.stop();
      return workers === 1
        ? { result, reference: true, cpuMicros }
        : { result, target: 'bare-two', cpuMicros };
    };
    const database = () => postgres?.pid() ?? null;
    const valid = async (
      name: string,
      instance: Running,
      [list, warm]: readonly [readonly BenchUser[], readonly BenchUser[]],
      extra = {},
    ) => {
      const csrf = await csrfPair(instance.url);
      await loadRun('warm-up', {
        url: instance.url,
        amount: WARM,
        maxSeconds: 12,
        ...secondStepRequests(warm, csrf, (u) => currentCode(u), { connections: CONNECTIONS }),
      });
      const before = instance.loggedBytes();
      const cpu = instance.child.pid as number;
      const db = name.startsWith('PostgreSQL') ? database() : null;
      const cpuBefore = [treeCpuSeconds(cpu), db === null ? 0 : treeCpuSeconds(db)];
      let toAccount = 0;
      const result = await loadRun(name, {
        url: instance.url,
        pipelining: 1,
        amount: VALID,
        maxSeconds: 12,
        ...secondStepRequests(list, csrf, (u) => currentCode(u), {
          connections: CONNECTIONS,
          onAnswer: (a) => {
            if (a.status === 303 && a.location === '/account') toAccount++;
          },
        }),
      });
      const perRequest = (seconds: number) => (seconds * 1e6) / result.requests;
      show({
        result,
        toAccount,
        logBytesPerRequest: (instance.loggedBytes() - before) / result.requests,
        cpuMicros: perRequest(treeCpuSeconds(cpu) - (cpuBefore[0] ?? 0)),
        ...(db === null ? {} : { databaseCpuMicros: perRequest(treeCpuSeconds(db) - (cpuBefore[1] ?? 0)) }),
        ...extra,
      });
      return csrf;
    };

    show(await bare('bare Fastify hello-world (before)'));
    // The reference again between measured runs, so that each run's share is of the bare route
    // measured just before and just after it: the machine's speed drifts within a bench.
    let referenceDue = false;
    const referenceIfDue = async () => {
      if (referenceDue) show(await bare('bare Fastify hello-world'));
      referenceDue = false;
    };

    if (wanted('sqlite-1')) {
      const sqliteOne = await start('sqlite-1', { VERIFIER_DB: sqlitePath });
      const csrf = await valid(
        'SQLite ×1, valid code',
        sqliteOne,
        [group(lite, 'one'), group(lite, 'oneWarm')],
        {
          target: 'one',
        },
      );
      show({
        result: await loadRun('SQLite ×1, wrong code (401)', {
          url: sqliteOne.url,
          amount: WRONG,
          maxSeconds: 8,
          ...secondStepRequests(group(lite, 'wrong'), csrf, (u) => wrongCode(u), {
            connections: CONNECTIONS,
          }),
        }),
      });
      show({
        result: await loadRun('SQLite ×1, wrong codes, same accounts (429)', {
          url: sqliteOne.url,
          duration: 4,
          ...secondStepRequests(group(lite, 'throttled'), csrf, (u) => wrongCode(u), {
            connections: CONNECTIONS,
          }),
        }),
      });
      const login = group(lite, 'login')[0] as BenchUser;
      show({
        result: await loadRun('SQLite ×1, password step, 100 conn.', {
          url: sqliteOne.url,
          connections: 100,
          duration: 5,
          timeout: 30,
          requests: [
            {
              method: 'POST',
              path: '/login',
              headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie },
              body: new URLSearchParams({
                _csrf: csrf.token,
                username: login.username,
                password: lite.password,
              }).toString(),
            },
          ],
        }),
      });
      await sqliteOne.stop();
      referenceDue = true;
    }

    if (wanted('sqlite-quiet')) {
      await referenceIfDue();
      const quiet = await start('sqlite-quiet', { VERIFIER_DB: sqlitePath, VERIFIER_ACCESS_LOG: 'off' });
      await valid(
        'SQLite ×1, valid code, access log off',
        quiet,
        [group(lite, 'quiet'), group(lite, 'quietWarm')],
        {
          target: 'quiet',
        },
      );
      await quiet.stop();
      referenceDue = true;
    }

    if (wanted('sqlite-2')) {
      await referenceIfDue();
      const sqliteTwo = await start('sqlite-2', { VERIFIER_DB: sqlitePath, VERIFIER_WORKERS: '2' });
      await valid('SQLite ×2, valid code', sqliteTwo, [group(lite, 'two'), group(lite, 'twoWarm')]);
      await sqliteTwo.stop();
      referenceDue = true;
    }

    /** One PostgreSQL valid-code run of one instance or two (VERIFIER_WORKERS=2); `again` is the second pass. */
    const pgRun = async (workers: 1 | 2, again: boolean) => {
      await referenceIfDue();
      const kind = workers === 1 ? 'one' : 'two';
      const users = again ? `${kind}Again` : kind;
      const instance = await start(`pg-${workers}${again ? '-again' : ''}`, {
        DATABASE_URL: schema.url,
        ...(workers === 2 ? { VERIFIER_WORKERS: '2' } : {}),
      });
      await valid(
        `PostgreSQL ×${workers}, valid code${again ? ' (again)' : ''}`,
        instance,
        [group(pg, users), group(pg, `${users}Warm`)],
        { target: kind },
      );
      await instance.stop();
      referenceDue = true;
    };
    // ×1, ×2, then ×2, ×1 again (bench/verifier-report.ts, twoOverOne): the machine's speed drifts
    // within a bench, and in this order a steady drift slows or speeds both kinds alike.
    if (wanted('pg-1')) await pgRun(1, false);
    if (wanted('pg-2')) await pgRun(2, false);
    if (pgBoth) {
      await pgRun(2, true);
      await pgRun(1, true);
    }
    if (wanted('pg-2')) {
      await referenceIfDue();
      // What two processes do on these CPUs with nothing of ours in them: the context of ×2 / ×1.
      show(await bare('bare Fastify hello-world ×2 (workers)', 2));
    }

    let fault: VerifierReport['fault'];
    if (wanted('fault')) {
      const faulty = await start('pg-fault', { DATABASE_URL: schema.url });
      const report = await faultRun(faulty, postgres, group(pg, 'fault'), await csrfPair(faulty.url));
      const [full] = await schema.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT user_id FROM sessions WHERE stage = 'full' GROUP BY user_id HAVING count(*) > 1) twice`,
      );
      fault = { ...report, fullTwiceInDatabase: full?.n ?? Number.NaN };
      await faulty.stop();
    }

    show(await bare('bare Fastify hello-world (after)'));
    printReport({ runs, fault });
  } finally {
    for (const r of running) await r.stop();
    postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
    if (builds) rmSync(builds, { recursive: true, force: true });
  }
}

export type { LoadResult };

// Run on its own with `npx tsx bench/verifier-bench.ts`; bench/run-all.ts imports it.
if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) await runVerifierBench();
