import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { failureReports } from './failure-reports';
import type { CheckpointerReport } from './sqlite-thread-protocol';

/** What the SQLite thread gives its checkpointer. */
export interface CheckpointerData {
  readonly path: string;
}

/** The longest pause between two checkpoints once the WAL is copied (a quiet server wakes rarely). */
const MAX_PAUSE_MS = 100;

/**
 * The SQLite thread's checkpointer (started by sqlite-thread-worker.ts, ending with it): copies the
 * WAL's frames into the database file and fsyncs it, round after round, on a connection of its own
 * (PASSIVE: it never waits for the writer or a reader and blocks neither; during a round the
 * writer's own checkpoint is skipped as busy and runs after a later commit). A checkpoint of 1,000 frames
 * stalled the SQLite thread for 10–20 ms, most of it the fsync, while every request queued behind
 * it; the writer's own autocheckpoint (still at 1,000 frames, so the WAL is bounded if this thread
 * falls behind or dies) now finds nearly every frame copied and only finishes the tail, after
 * which the WAL starts over. Nothing here decides anything: a failed round is tried again later,
 * and the first failure of a run is reported to the SQLite thread, which has the server log it;
 * a new run within a minute of the last report waits for the minute to pass.
 */
const port = parentPort;
if (port === null) throw new Error('sqlite-checkpoint-worker runs only as a worker thread');
const { path } = workerData as CheckpointerData;
const db = new Database(path, { fileMustExist: true });
// PASSIVE never calls the busy handler; nothing else this connection does may wait either.
db.pragma('busy_timeout = 0');

interface CheckpointRow {
  readonly busy: number;
  readonly log: number;
  readonly checkpointed: number;
}

let pause = 1;
let copied = -1;
const reports = failureReports();
const report = (message: CheckpointerReport | undefined) => message && port.postMessage(message);
let timer: NodeJS.Timeout | undefined;
function round(): void {
  let next: 'again' | 'soon' | 'later' = 'later';
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    // The writer checkpointing itself: soon. Frames written meanwhile: again at once, unless this
    // round copied nothing new (a reader in another process still on them): then later.
    if (row?.busy) next = 'soon';
    else if (row && row.log > row.checkpointed && row.checkpointed !== copied) next = 'again';
    copied = row?.checkpointed ?? -1;
    reports.worked();
  } catch (error) {
    // The database failing: the writer's own checkpoint still runs; try again later.
    report(reports.failed(error, Date.now()));
  }
  pause = next === 'again' ? 0 : next === 'soon' ? 1 : Math.min(MAX_PAUSE_MS, Math.max(1, pause * 2));
  timer = setTimeout(round, pause);
}
round();

port.on('message', () => {
  clearTimeout(timer);
  db.close();
  port.close();
});
