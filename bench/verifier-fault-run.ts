import type { ThrowawayPostgres } from '../test/support/verifier-postgres';
import { loadRun } from './load-run';
import { type BenchUser, currentCode } from './verifier-fixtures';
import type { Running } from './verifier-instance';
import { type CsrfPair, type SecondStepAnswer, secondStepRequests } from './verifier-requests';

export interface Tally {
  /** 303 → /account: logged in. */
  readonly succeeded: number;
  /** 503 with Retry-After: failed closed. */
  readonly failedClosed: number;
  /** 401 or 429: the replay guard or the throttle (the same code from the user's other session). */
  readonly refused: number;
  /** Anything else (a 500, a page without Retry-After …). */
  readonly other: number;
}

export interface FaultReport {
  readonly answers: number;
  readonly connectionErrors: number;
  /** From `pg_ctl stop` to `pg_ctl start` returning: the database going down, down, coming up. */
  readonly restart: Tally;
  /** While the database was certainly down (stop returned, start not yet). */
  readonly down: Tally;
  readonly outside: Tally;
  /** Users logged in more than once by one code (the same code sent from two sessions). */
  readonly acceptedTwice: number;
  readonly stopMs: number;
  readonly downMs: number;
  readonly startMs: number;
  /** From `pg_ctl start` returning to the verifier's next login. */
  readonly recoveryMs: number;
  /** The verifier process still runs (it was never restarted). */
  readonly verifierAlive: boolean;
}

function tally(answers: readonly SecondStepAnswer[]): Tally {
  const count = (f: (a: SecondStepAnswer) => boolean) => answers.filter(f).length;
  const succeeded = count((a) => a.status === 303 && a.location === '/account');
  const failedClosed = count((a) => a.status === 503 && a.retryAfter !== undefined);
  const refused = count((a) => a.status === 401 || a.status === 429);
  return { succeeded, failedClosed, refused, other: answers.length - succeeded - failedClosed - refused };
}

/**
 * PostgreSQL restarted under load: valid codes, each sent from two sessions of its user, on 50
 * connections for `seconds`; a second after the first answer the server is stopped (fast: every
 * connection cut), stays down for `downSeconds`, and is started again. Every answer is timed and
 * classified.
 */
export async function faultRun(
  verifier: Running,
  postgres: ThrowawayPostgres,
  users: readonly BenchUser[],
  csrf: CsrfPair,
  options = { seconds: 10, downSeconds: 2 },
): Promise<FaultReport> {
  const answers: SecondStepAnswer[] = [];
  const marks = { stop: 0, stopped: 0, start: 0, started: 0 };
  // The second of load before the stop counts from the first answer: autocannon first encodes
  // every connection's requests, which takes about a second itself.
  let loadBegan = () => {};
  const firstAnswer = new Promise<void>((resolve) => {
    loadBegan = resolve;
  });
  const restart = (async () => {
    await firstAnswer;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    marks.stop = Date.now();
    await postgres.halt();
    marks.stopped = Date.now();
    await new Promise((resolve) => setTimeout(resolve, options.downSeconds * 1_000));
    marks.start = Date.now();
    await postgres.resume();
    marks.started = Date.now();
  })();
  const load = await loadRun('fault', {
    url: verifier.url,
    pipelining: 1,
    duration: options.seconds,
    timeout: 10,
    ...secondStepRequests(users, csrf, (u) => currentCode(u), {
      connections: 50,
      onAnswer: (a) => {
        if (answers.push(a) === 1) loadBegan();
      },
      sessionsPerUser: 2,
    }),
  });
  loadBegan(); // no answer at all: the restart still runs, and the report shows none before it
  await restart;
  const between = (from: number, to: number) => answers.filter((a) => a.at >= from && a.at <= to);
  const perUser = new Map<number, number>();
  for (const a of answers)
    if (a.status === 303 && a.location === '/account') perUser.set(a.user, (perUser.get(a.user) ?? 0) + 1);
  const firstLogin = answers.find(
    (a) => a.at > marks.started && a.status === 303 && a.location === '/account',
  );
  return {
    answers: answers.length,
    connectionErrors: load.errors,
    restart: tally(between(marks.stop, marks.started)),
    down: tally(between(marks.stopped, marks.start)),
    outside: tally(answers.filter((a) => a.at < marks.stop || a.at > marks.started)),
    acceptedTwice: [...perUser.values()].filter((n) => n > 1).length,
    stopMs: marks.stopped - marks.stop,
    downMs: marks.start - marks.stopped,
    startMs: marks.started - marks.start,
    recoveryMs: firstLogin ? firstLogin.at - marks.started : Number.NaN,
    verifierAlive: verifier.child.exitCode === null && verifier.child.signalCode === null,
  };
}
