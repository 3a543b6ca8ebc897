import { type CheckpointerReport, toThreadError } from './sqlite-thread-protocol';

/** A run of failures is reported at most this often: a database that comes and goes is a line a minute. */
export const REPORT_EVERY_MS = 60_000;

/**
 * Which failures of its rounds the checkpointer reports (sqlite-checkpoint-worker.ts): the first of
 * a run of failures; a round that works ends the run. A run that starts within REPORT_EVERY_MS of
 * the last report is reported once that time has passed, if it still lasts.
 */
export function failureReports(everyMs = REPORT_EVERY_MS) {
  let reported = false;
  let lastReport = Number.NEGATIVE_INFINITY;
  return {
    worked(): void {
      reported = false;
    },
    failed(error: unknown, now: number): CheckpointerReport | undefined {
      if (reported || now - lastReport < everyMs) return undefined;
      reported = true;
      lastReport = now;
      return { error: toThreadError(error) };
    },
  };
}
