/** Messages between the verifier's thread and its SQLite thread (sqlite-thread-store.ts). */

import { errorCode } from '../../error-code';

/** What the SQLite thread is started with. */
export interface SqliteThreadData {
  readonly path: string;
  /** The key TOTP secrets are sealed with: the thread checks codes inside its transaction. */
  readonly secretsKey: Uint8Array;
}

/**
 * The Store methods whose attempt carries `prepare`, a function, which cannot cross threads: the
 * HTTP side leaves it out, the SQLite thread rebuilds it from the attempt's `check`.
 */
export const METHODS_WITH_PREPARE: readonly string[] = ['verifySessionSecondFactor'];

/** Not a Store method: ends the checkpointer as a crash would (ThreadedSqliteStore.terminateCheckpointer). */
export const TERMINATE_CHECKPOINTER = 'terminateCheckpointer';

/** A Store method and its arguments (functions left out: `prepare` is rebuilt from `check`). */
export interface StoreCall {
  readonly id: number;
  readonly method: string;
  readonly args: readonly unknown[];
}

/** An error as it crosses the thread: enough to tell a busy database (SQLITE_BUSY) from a bug. */
export interface ThreadError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
}

export type CallOutcome =
  | { readonly id: number; readonly value: unknown }
  | { readonly id: number; readonly error: ThreadError };

/**
 * To the thread: the calls made since the last batch went (one message per event-loop turn, not
 * per call). From it: their outcomes, one message per batch, in the order they ran.
 */
export type ToSqliteThread = readonly StoreCall[];

/**
 * What the checkpointer (sqlite-checkpoint-worker.ts) reports, through the SQLite thread: the first
 * error of a run of failures (failure-reports.ts), or that the checkpointer stopped.
 */
export interface CheckpointerReport {
  readonly error: ThreadError;
}

export type FromSqliteThread =
  | { readonly type: 'ready'; readonly fresh: boolean; readonly methods: readonly string[] }
  | { readonly type: 'failed'; readonly error: ThreadError }
  | { readonly type: 'outcomes'; readonly outcomes: readonly CallOutcome[] }
  | { readonly type: 'checkpointer'; readonly report: CheckpointerReport };

export function toThreadError(error: unknown): ThreadError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = errorCode(error);
  return { name: error.name, message: error.message, ...(code === '' ? {} : { code }) };
}

export function fromThreadError(error: ThreadError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.code !== undefined) Object.assign(rebuilt, { code: error.code });
  return rebuilt;
}
