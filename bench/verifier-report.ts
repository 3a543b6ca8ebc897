import type { LoadResult } from './load-run';

/** Issue 2, "Performance": absolute targets, and the bare-route rate they were set against. */
export const TARGET = { verificationsPerSecond: 5_000, p99Ms: 20, referenceBareRps: 80_000 } as const;

export interface VerifierReport {
  readonly prepSeconds: number;
  readonly users: number;
  /** In run order: bare, valid, wrong, throttled, password. */
  readonly results: readonly LoadResult[];
  /** Valid-code responses that were 303 with Location /account. */
  readonly toAccount: number;
  /** 429 answers to the password step that carried Retry-After. */
  readonly retryAfter: number;
}

const pad = (text: string, width: number) => text.padEnd(width);
const num = (n: number) => Math.round(n).toLocaleString('en-US');

function statusText(statuses: Readonly<Record<string, number>>): string {
  return Object.entries(statuses)
    .map(([status, count]) => `${status}×${num(count)}`)
    .join(' ');
}

export function printReport(report: VerifierReport): void {
  const [bare, valid, wrong, throttled, password] = report.results;
  if (!bare || !valid || !wrong || !throttled || !password) throw new Error('a benchmark run is missing');
  const out: string[] = ['', 'Verifier benchmark (loopback, autocannon 50 connections, pipelining 1)', ''];
  out.push(
    `${pad('run', 34)}${pad('requests', 10)}${pad('req/s', 9)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}statuses`,
  );
  for (const r of report.results) {
    const errors = r.errors > 0 ? ` errors×${r.errors}` : '';
    out.push(
      `${pad(r.name, 34)}${pad(num(r.requests), 10)}${pad(num(r.rps), 9)}${pad(String(r.p50), 8)}${pad(String(r.p99), 8)}${statusText(r.statuses)}${errors}`,
    );
  }
  const ratio = valid.rps / bare.rps;
  const rateOk = valid.rps >= TARGET.verificationsPerSecond;
  const p99Ok = valid.p99 <= TARGET.p99Ms;
  const notToAccount = valid.requests - report.toAccount;
  out.push(
    '',
    `fixtures: ${num(report.users)} users prepared in ${report.prepSeconds.toFixed(1)} s`,
    `valid codes: ${num(report.toAccount)} of ${num(valid.requests)} answered 303 → /account` +
      (notToAccount > 0 ? ` (${num(notToAccount)} OTHER ANSWERS)` : ''),
    `ratio valid-code verify / bare route: ${ratio.toFixed(3)} (${(ratio * 100).toFixed(1)} %)`,
    `password step: ${num(password.statuses['303'] ?? 0)} × 303, ${num(password.statuses['429'] ?? 0)} × 429 ` +
      `(${num(report.retryAfter)} with Retry-After)`,
    '',
    `target: ≥ ${num(TARGET.verificationsPerSecond)} verifications/s: ${num(valid.rps)}/s ${rateOk ? 'MET' : 'MISSED'}`,
    `target: p99 ≤ ${TARGET.p99Ms} ms: ${valid.p99} ms ${p99Ok ? 'MET' : 'MISSED'}`,
    // The figures assume a bare route at ~80,000 req/s; scaled to the bare rate measured here:
    `machine-relative: verify/bare ${(ratio * 100).toFixed(1)} % vs the target's ` +
      `${((TARGET.verificationsPerSecond / TARGET.referenceBareRps) * 100).toFixed(2)} %: ` +
      `${ratio >= TARGET.verificationsPerSecond / TARGET.referenceBareRps ? 'MET' : 'MISSED'}`,
    '',
  );
  process.stdout.write(`${out.join('\n')}\n`);
}
