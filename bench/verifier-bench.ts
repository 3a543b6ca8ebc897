/**
 * The verifier benchmark (issue 2, "Performance"): autocannon on loopback against a verifier in a
 * child process, on a temporary database prepared in bulk. Prints requests/s and p50/p99 for a
 * bare route, the second step with valid and wrong codes, and the password step, then the targets.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type autocannon from 'autocannon';
import { type LoadResult, loadRun } from './load-run';
import { type BenchUser, currentCode, prepareFixtures, wrongCode } from './verifier-fixtures';
import { printReport } from './verifier-report';

/** One user per valid request: a code is single use and each success rotates the session. */
const VALID_REQUESTS = 30_000;
const WRONG_REQUESTS = 20_000;
const CONNECTIONS = 50;

function startServer(databasePath: string, key: Uint8Array): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'verifier-bench-server.ts')],
    {
      env: { ...process.env, BENCH_DB: databasePath, BENCH_KEY: Buffer.from(key).toString('hex') },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the bench server did not start within 20 s')), 20_000);
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code})`)));
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.once('line', (line) => {
      clearTimeout(timer);
      resolve({ url: (JSON.parse(line) as { url: string }).url, child });
    });
  });
}

/** GET /login once: the signed `_csrf` cookie and a token for it, reused by every POST. */
async function csrfPair(url: string): Promise<{ cookie: string; token: string }> {
  const response = await fetch(`${url}/login`);
  const cookie = response.headers
    .getSetCookie()
    .find((c) => c.startsWith('_csrf='))
    ?.split(';')[0];
  const token = /name="_csrf" value="([^"]+)"/.exec(await response.text())?.[1];
  if (!cookie || !token) throw new Error('GET /login gave no _csrf cookie or token');
  return { cookie, token };
}

/** POST /login/code requests, each with the next user's session and a code chosen for that user. */
function secondStepRequests(
  users: readonly BenchUser[],
  csrf: { cookie: string; token: string },
  code: (user: BenchUser) => string,
  onResponse?: (status: number, headers: autocannon.Request['headers']) => void,
): autocannon.Request[] {
  let next = 0;
  const codes = users.map(code); // computed before the run; valid in steps T and T+1 (RFC 6238 §5.2)
  return [
    {
      method: 'POST',
      path: '/login/code',
      setupRequest: (request) => {
        const i = next++ % users.length;
        const user = users[i] as BenchUser;
        const body = new URLSearchParams({
          _csrf: csrf.token,
          authenticator: user.authenticatorId,
          code: codes[i] as string,
        }).toString();
        return {
          ...request,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            cookie: `sid=${user.sessionToken}; ${csrf.cookie}`,
          },
          body,
        };
      },
      ...(onResponse
        ? {
            onResponse: (status: number, _b: string, _c: object, h: autocannon.Request['headers']) =>
              onResponse(status, h),
          }
        : {}),
    },
  ];
}

export async function runVerifierBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-bench-'));
  const databasePath = join(dir, 'bench.db');
  const key = new Uint8Array(randomBytes(32));
  let child: ChildProcess | undefined;
  try {
    const started = performance.now();
    const fixtures = await prepareFixtures(databasePath, key, {
      valid: VALID_REQUESTS + CONNECTIONS,
      wrong: WRONG_REQUESTS + CONNECTIONS,
      throttled: CONNECTIONS,
      login: 1,
    });
    const prepSeconds = (performance.now() - started) / 1000;
    const users = (group: string) => fixtures.groups[group] ?? [];
    process.stdout.write(
      `fixtures: ${Object.values(fixtures.groups).flat().length} users in ${prepSeconds.toFixed(1)} s\n`,
    );

    const server = await startServer(databasePath, key);
    child = server.child;
    const url = server.url;
    process.stdout.write(`server: ${url} (child process ${child.pid})\n`);
    const csrf = await csrfPair(url);
    const base = { url, connections: CONNECTIONS, pipelining: 1 };

    await loadRun('warm-up', { ...base, url: `${url}/healthz`, duration: 1 });
    const results: LoadResult[] = [];
    const progress = (r: LoadResult) => {
      results.push(r);
      process.stdout.write(`  ${r.name}: ${Math.round(r.rps)} req/s\n`);
    };

    progress(await loadRun('bare GET /healthz', { ...base, url: `${url}/healthz`, duration: 5 }));

    let toAccount = 0;
    progress(
      await loadRun('valid code (303 → /account)', {
        ...base,
        amount: VALID_REQUESTS,
        maxSeconds: 12,
        requests: secondStepRequests(
          users('valid'),
          csrf,
          (u) => currentCode(u),
          (status, headers) => {
            if (status === 303 && headers?.location === '/account') toAccount++;
          },
        ),
      }),
    );

    progress(
      await loadRun('wrong code, 1st attempt (401)', {
        ...base,
        amount: WRONG_REQUESTS,
        maxSeconds: 8,
        requests: secondStepRequests(users('wrong'), csrf, (u) => wrongCode(u)),
      }),
    );

    progress(
      await loadRun('wrong code, same accounts (429)', {
        ...base,
        duration: 4,
        requests: secondStepRequests(users('throttled'), csrf, (u) => wrongCode(u)),
      }),
    );

    let retryAfter = 0;
    const login = users('login')[0] as BenchUser;
    progress(
      await loadRun('password step, 100 connections', {
        ...base,
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
              password: fixtures.password,
            }).toString(),
            onResponse: (status, _body, _ctx, headers) => {
              if (status === 429 && headers?.['retry-after'] !== undefined) retryAfter++;
            },
          },
        ],
      }),
    );

    printReport({
      prepSeconds,
      users: Object.values(fixtures.groups).flat().length,
      results,
      toAccount,
      retryAfter,
    });
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
