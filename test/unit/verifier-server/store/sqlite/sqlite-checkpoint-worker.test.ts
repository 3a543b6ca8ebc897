import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { failureReports } from '../../../../../verifier-server/store/sqlite/failure-reports';
import type { CheckpointerReport } from '../../../../../verifier-server/store/sqlite/sqlite-thread-protocol';
import {
  siblingModule,
  startModuleWorker,
} from '../../../../../verifier-server/store/sqlite/start-module-worker';

/** The checkpointer on its own (the SQLite thread starts it and passes on what it reports). */
const ENTRY = siblingModule(
  new URL('../../../../../verifier-server/store/sqlite/start-module-worker.ts', import.meta.url).href,
  'sqlite-checkpoint-worker',
);

let dir: string;
let worker: Worker | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'verifier-checkpointer-'));
});
afterEach(async () => {
  if (worker) {
    const exited = new Promise((resolve) => worker?.once('exit', resolve));
    worker.postMessage('stop');
    await exited;
  }
  worker = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test('a database it cannot checkpoint is reported once, not every round', async () => {
  // A file that is not a database: every round fails, for real (SQLITE_NOTADB).
  const path = join(dir, 'verifier.db');
  writeFileSync(path, Buffer.alloc(8192, 7));
  const reports: CheckpointerReport[] = [];
  worker = startModuleWorker(ENTRY, { path });
  const first = new Promise((resolve) => worker?.once('message', resolve));
  worker.on('message', (report: CheckpointerReport) => reports.push(report));
  // The thread's start (tsx, under a loaded test run) takes its time; then many rounds, which
  // back off to 100 ms at most.
  await first;
  await pause(800);
  expect(reports).toEqual([{ error: expect.objectContaining({ code: 'SQLITE_NOTADB' }) }]);
});

describe('failureReports: which failures of its rounds the checkpointer reports', () => {
  const MINUTE = 60_000;
  const error = new Error('disk I/O error');

  test('the first failure of a run, once however long it lasts; after a round that works, the next run', () => {
    const reports = failureReports(MINUTE);
    expect(reports.failed(error, 0)).toEqual({
      error: expect.objectContaining({ message: 'disk I/O error' }),
    });
    expect(reports.failed(error, 10)).toBeUndefined();
    expect(reports.failed(error, 5 * MINUTE)).toBeUndefined();
    reports.worked();
    expect(reports.failed(error, 6 * MINUTE)).toBeDefined();
  });

  test('a database that comes and goes: at most one failure a minute, and a lasting run is told late, not never', () => {
    const reports = failureReports(MINUTE);
    expect(reports.failed(error, 0)).toBeDefined();
    reports.worked();
    expect(reports.failed(error, 1_000)).toBeUndefined();
    reports.worked();
    expect(reports.failed(error, 2_000)).toBeUndefined();
    expect(reports.failed(error, MINUTE)).toBeDefined();
  });
});
