import { type CheckpointerReport, toThreadError } from './sqlite-thread-protocol';

/** A run of failures is reported at most this often: a database that comes and goes is a line a minute. */
export const REPORT_EVERY_MS = 60_000;

/**
 * What the checkpointer reports of its rounds (sqlite-checkpoint-worker.ts): the first failure of
 * a run of failures, and the round that works after a reported one; nothing else. A run that
 * starts within REPORT_EVERY_MS of the last report is reported once that time has passed, if it
 * still lasts.
 */
export function failureReports(everyMs = REPORT_EVERY_MS) {
  let reported = false;
  let lastReport = Number.NEGATIVE_INFINITY;
  return {
    worked(): CheckpointerReport | undefined {
      const was = reported;
      reported = false;
      return was ? { state: 'working' } : undefined;
    },
    failed(error: unknown, now: number): CheckpointerReport | undefined {
      if (reported || now - lastReport < everyMs) return undefined;
      reported = true;
      lastReport = now;
      return { state: 'failing', error: toThreadError(error) };
    },
  };
}
