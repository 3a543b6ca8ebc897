import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, test } from 'vitest';
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

test('a database it cannot checkpoint is reported once, not every round; its recovery once', async () => {
  // A file that is not a database: every round fails, for real (SQLITE_NOTADB).
  const path = join(dir, 'verifier.db');
  writeFileSync(path, Buffer.alloc(8192, 7));
  const reports: CheckpointerReport[] = [];
  worker = startModuleWorker(ENTRY, { path });
  worker.on('message', (report: CheckpointerReport) => reports.push(report));
  // Long enough for many rounds: they back off to 100 ms at most.
  await pause(800);
  expect(reports).toEqual([{ state: 'failing', error: expect.objectContaining({ code: 'SQLITE_NOTADB' }) }]);

  // The file becomes a database in WAL mode: the next round works, and says so once.
  const good = join(dir, 'good.db');
  const db = new Database(good);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE t (x)');
  db.close();
  copyFileSync(good, path);
  await pause(800);
  expect(reports.map((r) => r.state)).toEqual(['failing', 'working']);
});
