import type { Worker } from 'node:worker_threads';
import { DatabaseUnavailableError } from '../database-unavailable';
import type { Store } from '../store';
import { CheckpointerError } from './checkpointer-error';
import {
  type FromSqliteThread,
  fromThreadError,
  METHODS_WITH_PREPARE,
  type SqliteThreadData,
  type StoreCall,
  TERMINATE_CHECKPOINTER,
  type ToSqliteThread,
} from './sqlite-thread-protocol';
import { siblingModule, startModuleWorker } from './start-module-worker';

/** The SQLite thread's module. */
const ENTRY = siblingModule(import.meta.url, 'sqlite-thread-worker');

interface Waiting {
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Thread {
  readonly worker: Worker;
  readonly fresh: boolean;
  readonly methods: readonly string[];
}

/** The store, and what a crash of its thread does (fault tests). */
export interface ThreadedSqliteStore extends Store {
  /** Ends the thread at once, as a crash would: calls under way fail closed, the next call starts a new one. */
  terminateThread(): Promise<void>;
  /** Ends the thread's checkpointer as a crash would: reported to `onError`, the store goes on. */
  terminateCheckpointer(): Promise<void>;
}

/**
 * The SQLite store in a thread of its own (sqlite-thread-worker.ts): every statement, commit and
 * WAL checkpoint runs there, so the thread that serves HTTP never waits on the disk or the write
 * lock, and the two share the CPU's cores. The calls of one event-loop turn go as one message and
 * come back as one, answered in the order they were made. If the thread dies, the calls under way
 * fail closed (DatabaseUnavailableError: 503 with Retry-After) and the next call starts a new
 * thread.
 */
export async function createThreadedSqliteStore(
  path: string,
  secretsKey: Uint8Array,
  onError: (error: Error) => void,
): Promise<ThreadedSqliteStore> {
  const waiting = new Map<number, Waiting>();
  let nextId = 0;
  let closing = false;
  let current: Promise<Thread> | null = null;

  const spawn = (): Promise<Thread> =>
    new Promise<Thread>((resolve, reject) => {
      const worker = startModuleWorker(ENTRY, { path, secretsKey } satisfies SqliteThreadData);
      worker.unref();
      let ready = false;
      worker.on('message', (message: FromSqliteThread) => {
        if (message.type === 'ready') {
          ready = true;
          resolve({ worker, fresh: message.fresh, methods: message.methods });
        } else if (message.type === 'failed') {
          reject(fromThreadError(message.error));
        } else if (message.type === 'checkpointer') {
          if (!closing) onError(new CheckpointerError(fromThreadError(message.report.error)));
        } else {
          for (const outcome of message.outcomes) {
            const call = waiting.get(outcome.id);
            if (call === undefined) continue;
            waiting.delete(outcome.id);
            if ('error' in outcome) call.reject(fromThreadError(outcome.error));
            else call.resolve(outcome.value);
          }
          if (waiting.size === 0) worker.unref();
        }
      });
      worker.on('error', (error) => {
        if (!ready) reject(error);
        else if (!closing) onError(error);
      });
      worker.on('exit', (code) => {
        current = null;
        if (!ready) reject(new Error(`the database thread stopped while starting (exit code ${code})`));
        const stopped = new DatabaseUnavailableError('the database thread stopped');
        for (const call of waiting.values()) call.reject(stopped);
        waiting.clear();
        if (ready && !closing) onError(stopped);
      });
    });

  // Calls made in one turn of the event loop (the requests that arrived together) go as one
  // message: fewer wake-ups of either thread, and one structured clone instead of several.
  let batch: StoreCall[] = [];
  let batchWorker: Worker | null = null;
  const flush = () => {
    const calls = batch;
    const worker = batchWorker;
    batch = [];
    batchWorker = null;
    worker?.postMessage(calls satisfies ToSqliteThread);
  };
  const call = async (method: string, args: readonly unknown[]): Promise<unknown> => {
    if (closing && method !== 'close') throw new DatabaseUnavailableError('the store is closed');
    current ??= spawn();
    const { worker } = await current;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      // A new thread since the batch began: the old one's calls were failed when it exited.
      if (batchWorker !== worker) {
        batch = [];
        batchWorker = worker;
        setImmediate(flush);
      }
      batch.push({ id, method, args });
    });
  };

  current = spawn();
  const { fresh, methods } = await current;
  const proxy: Record<string, unknown> = { fresh };
  for (const method of methods) proxy[method] = (...args: unknown[]) => call(method, args);
  for (const method of METHODS_WITH_PREPARE) {
    proxy[method] = ({ prepare: _, ...attempt }: { prepare: unknown }) => call(method, [attempt]);
  }
  proxy.close = async () => {
    closing = true;
    const thread = current;
    if (thread === null) return;
    const { worker } = await thread;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await call('close', []);
    await exited;
  };
  proxy.terminateCheckpointer = async () => {
    await call(TERMINATE_CHECKPOINTER, []);
  };
  proxy.terminateThread = async () => {
    const thread = current;
    if (thread !== null) await (await thread).worker.terminate();
  };
  // Every method of the in-thread store is here under its own name (the thread listed them), each
  // returning what that method returns: the Store interface, with the thread in between.
  return proxy as unknown as ThreadedSqliteStore;
}
