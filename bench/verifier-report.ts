import { availableParallelism } from 'node:os';
import type { LoadResult } from './load-run';
import type { FaultReport, Tally } from './verifier-fault-run';

/** Issue 13: one instance at ≥ 10 % of the bare Fastify route (≈ 5,000/s here), p99 ≤ 20 ms at 50 connections. */
export const TARGET = { shareOfBare: 0.1, p99Ms: 20 } as const;

export interface VerifierRun {
  readonly result: LoadResult;
  /** The bare Fastify reference: a run's share is of the reference runs just before and after it. */
  readonly reference?: boolean;
  /** Valid-code runs: answers that were 303 → /account. */
  readonly toAccount?: number;
  readonly logBytesPerRequest?: number;
  /** CPU time of the verifier's processes per request, and of PostgreSQL's (µs). */
  readonly cpuMicros?: number;
  readonly databaseCpuMicros?: number;
  /**
   * Which target the run is measured against: one instance, two instances, the logging
   * comparison; or the bare route from two workers (the context of two instances against one).
   */
  readonly target?: 'one' | 'two' | 'quiet' | 'bare-two';
}

export interface VerifierReport {
  readonly runs: readonly VerifierRun[];
  readonly fault: (FaultReport & { readonly fullTwiceInDatabase: number }) | undefined;
}

const pad = (text: string, width: number) => text.padEnd(width);
const num = (n: number) => Math.round(n).toLocaleString('en-US');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const verdict = (ok: boolean) => (ok ? 'MET' : 'MISSED');

function statusText(statuses: Readonly<Record<string, number>>): string {
  return Object.entries(statuses)
    .map(([status, count]) => `${status}×${num(count)}`)
    .join(' ');
}

const tallyText = (t: Tally) =>
  `failed closed (503 + Retry-After) ${t.failedClosed}, succeeded ${t.succeeded}, refused (401/429) ${t.refused}, other ${t.other}`;

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/**
 * The reference of each run: the mean rate of the bare route's runs just before and just after
 * it (one of them at either end), not of every bare run: the machine's speed drifts within a
 * bench, and a run is compared with the machine as it was around it.
 */
export function neighbouringReference(runs: readonly VerifierRun[], index: number): number {
  const before = runs
    .slice(0, index)
    .reverse()
    .find((r) => r.reference);
  const after = runs.slice(index + 1).find((r) => r.reference);
  return mean([before, after].flatMap((r) => (r ? [r.result.rps] : [])));
}

/**
 * Two instances against one on one database, from runs made in the order ×1, ×2, ×2, ×1 (or any
 * order in which each kind's runs sit symmetrically in time): the sum of the ×2 rates over the
 * sum of the ×1 rates. A machine whose speed drifts steadily during the four runs slows or speeds both kinds
 * alike, so the drift cancels, which a single ×1-then-×2 pair would count against ×2 (or for it).
 * NaN without a run of either kind.
 */
export function twoOverOne(runs: readonly VerifierRun[]): number {
  const sum = (target: VerifierRun['target']) =>
    runs.filter((r) => r.target === target).reduce((total, r) => total + r.result.rps, 0);
  const one = sum('one');
  const two = sum('two');
  return one > 0 && two > 0 ? two / one : Number.NaN;
}

export function printReport(report: VerifierReport): void {
  const references = report.runs.filter((r) => r.reference).map((r) => r.result.rps);
  const bare = mean(references);
  const shareOf = (run: VerifierRun) =>
    run.reference
      ? run.result.rps / bare
      : run.result.rps / neighbouringReference(report.runs, report.runs.indexOf(run));
  const bareCpu = mean(report.runs.filter((r) => r.reference).map((r) => r.cpuMicros ?? Number.NaN));
  const out: string[] = [
    '',
    'Verifier benchmark (loopback, autocannon, 50 connections unless said, pipelining 1)',
    '',
  ];
  out.push(
    `${pad('run', 44)}${pad('requests', 10)}${pad('req/s', 9)}${pad('× bare', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}` +
      `${pad('CPU µs/req', 12)}${pad('gen µs', 8)}${pad('log B/req', 10)}statuses`,
  );
  for (const run of report.runs) {
    const { result: r, logBytesPerRequest, cpuMicros, databaseCpuMicros } = run;
    const errors = r.errors > 0 ? ` errors×${r.errors}` : '';
    const log = logBytesPerRequest === undefined ? '' : num(logBytesPerRequest);
    const cpu =
      cpuMicros === undefined
        ? ''
        : `${num(cpuMicros)}${databaseCpuMicros === undefined ? '' : `+${num(databaseCpuMicros)}`}`;
    out.push(
      `${pad(r.name, 44)}${pad(num(r.requests), 10)}${pad(num(r.rps), 9)}${pad(pct(shareOf(run)), 9)}${pad(String(r.p50), 8)}${pad(String(r.p99), 8)}` +
        `${pad(cpu, 12)}${pad(num(r.generatorCpuMicros), 8)}${pad(log, 10)}${statusText(r.statuses)}${errors}`,
    );
  }
  out.push("CPU µs/req: the verifier's processes (+ PostgreSQL's), per request of the run");
  out.push('gen µs: the load generator (autocannon, on the same CPUs), per request of the run');
  out.push(
    '',
    `reference: bare Fastify ${references.map(num).join(', ')} req/s (mean ${num(bare)}), ${num(bareCpu)} µs CPU per request`,
    "× bare: a run's rate as a share of the bare route's runs just before and just after it (a bare run's: of",
    'the mean of all); it moves with what else the machine runs. The CPU share (bare µs / run µs) below moves',
    'much less.',
  );
  for (const run of report.runs.filter((r) => r.toAccount !== undefined)) {
    const missing = run.result.requests - (run.toAccount ?? 0);
    if (missing > 0) out.push(`${run.result.name}: ${num(missing)} answers were not 303 → /account`);
  }

  out.push('', 'targets (issue 13):');
  for (const run of report.runs.filter((r) => r.target === 'one')) {
    const share = shareOf(run);
    const cpu =
      run.cpuMicros === undefined ? Number.NaN : bareCpu / (run.cpuMicros + (run.databaseCpuMicros ?? 0));
    out.push(
      `  ${pad(run.result.name, 42)} ${pct(share)} of bare (≥ ${pct(TARGET.shareOfBare)}): ${verdict(share >= TARGET.shareOfBare)}; ` +
        `p99 ${run.result.p99} ms (≤ ${TARGET.p99Ms}): ${verdict(run.result.p99 <= TARGET.p99Ms)}; CPU share ${pct(cpu)}`,
    );
  }
  const pgOne = report.runs.find((r) => r.target === 'one' && r.result.name.startsWith('PostgreSQL'));
  if (pgOne?.databaseCpuMicros) {
    // What PostgreSQL alone allows on these CPUs, as if the verifier and autocannon cost nothing.
    const cpus = availableParallelism();
    const bound = (cpus * 1e6) / pgOne.databaseCpuMicros;
    out.push(
      `  (PostgreSQL's own CPU, ${num(pgOne.databaseCpuMicros)} µs per verification, bounds one instance at ` +
        `${cpus} CPUs / ${num(pgOne.databaseCpuMicros)} µs = ${num(bound)}/s, ${pct(bound / neighbouringReference(report.runs, report.runs.indexOf(pgOne)))} of bare, ` +
        'even with the verifier and the load generator free)',
    );
  }
  const pgRuns = report.runs.filter(
    (r) => (r.target === 'one' || r.target === 'two') && r.result.name.startsWith('PostgreSQL'),
  );
  if (pgOne && pgRuns.some((r) => r.target === 'two')) {
    // The rates themselves, as the target says, over runs made ×1, ×2, ×2, ×1 so that a drift of
    // the machine's speed cancels; the shares of the bare route around each beside them (a single
    // bare run moves ±15 % here, so the shares' ratio is the noisier of the two).
    const ratio = twoOverOne(pgRuns);
    const shares = (target: VerifierRun['target']) =>
      mean(pgRuns.filter((r) => r.target === target).map(shareOf));
    const order = pgRuns.map((r) => `×${r.target === 'two' ? 2 : 1} ${num(r.result.rps)}`).join(', ');
    out.push(
      `  PostgreSQL ×2 / ×1: ${ratio.toFixed(3)} (no slower: ≥ 1.00): ${verdict(ratio >= 1)}; ` +
        `from ${order} req/s; as mean shares of the bare route around each, ${pct(shares('two'))} / ${pct(shares('one'))} = ${(shares('two') / shares('one')).toFixed(2)}`,
    );
    const bareTwo = report.runs.find((r) => r.target === 'bare-two');
    if (bareTwo)
      out.push(
        `  (the bare route from two workers against one around it, in this run: ${shareOf(bareTwo).toFixed(2)}; ` +
          'what a second process gains or loses on these CPUs with nothing of ours in it)',
      );
  }
  const loud = report.runs.find((r) => r.target === 'one' && r.result.name.startsWith('SQLite'));
  const quiet = report.runs.find((r) => r.target === 'quiet');
  if (loud && quiet) {
    out.push(
      `  logging: default (events + access log) ${num(loud.result.rps)}/s vs access log off ${num(quiet.result.rps)}/s: ` +
        `${(loud.result.rps / quiet.result.rps).toFixed(2)} (not halved: > 0.50): ${verdict(loud.result.rps / quiet.result.rps > 0.5)}; ` +
        `as shares of bare ${pct(shareOf(loud))} / ${pct(shareOf(quiet))}`,
    );
  }

  const f = report.fault;
  if (f === undefined) {
    process.stdout.write(`${out.join('\n')}\n\n`);
    return;
  }
  out.push(
    '',
    `PostgreSQL restarted under load (valid codes, each from two sessions; 1 verifier, never restarted):`,
    `  pg_ctl stop ${num(f.stopMs)} ms, down ${num(f.downMs)} ms, pg_ctl start ${num(f.startMs)} ms; ${num(f.answers)} answers, ${f.connectionErrors} without one`,
    `  during the restart: ${tallyText(f.restart)}`,
    `  while the database was down: ${tallyText(f.down)}`,
    `  before and after: ${tallyText(f.outside)}`,
    `  accepted twice: ${f.acceptedTwice} (answers), ${f.fullTwiceInDatabase} (users with two full sessions in the database)`,
    `  time to recover: ${Number.isNaN(f.recoveryMs) ? 'never' : `${num(f.recoveryMs)} ms`} after pg_ctl start returned; verifier still running: ${f.verifierAlive ? 'yes' : 'NO'}`,
    `  fail closed: ${verdict(f.down.succeeded === 0 && f.restart.other === 0 && f.acceptedTwice === 0 && f.fullTwiceInDatabase === 0 && f.verifierAlive)}`,
    '',
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
