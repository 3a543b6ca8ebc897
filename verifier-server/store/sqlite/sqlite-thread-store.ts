import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { DatabaseUnavailableError } from '../database-unavailable';
import type { Store } from '../store';
import {
  type FromSqliteThread,
  fromThreadError,
  type SqliteThreadData,
  type StoreCall,
} from './sqlite-thread-protocol';

/** The worker's module beside this one, in the same form (TypeScript under tsx, or built JavaScript). */
const ENTRY = import.meta.url.replace(/sqlite-thread-store\.(ts|js)$/, 'sqlite-thread-worker.$1');

/** tsx's ESM entry; test runners that rewrite import.meta lack its resolve, so the package's own require entry points the way. */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const required = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(required.replace(/\.cjs$/, '.mjs')).href;
}

function startWorker(data: SqliteThreadData): Worker {
  if (!ENTRY.endsWith('.ts')) return new Worker(new URL(ENTRY), { workerData: data });
  // The verifier runs its TypeScript through tsx; a new thread registers it before importing.
  const tsx = tsxApi();
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(ENTRY)}); });`;
  return new Worker(boot, { eval: true, workerData: data });
}

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
}

/**
 * The SQLite store in a thread of its own (sqlite-thread-worker.ts): every statement, commit and
 * WAL checkpoint runs there, so the thread that serves HTTP never waits on the disk or the write
 * lock, and the two share the CPU's cores. Each call is one message each way; calls are answered
 * in order. If the thread dies, the calls under way fail closed (DatabaseUnavailableError: 503
 * with Retry-After, nothing decided) and the next call starts a new thread.
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
      const worker = startWorker({ path, secretsKey });
      worker.unref();
      let ready = false;
      worker.on('message', (message: FromSqliteThread) => {
        if (message.type === 'ready') {
          ready = true;
          resolve({ worker, fresh: message.fresh, methods: message.methods });
        } else if (message.type === 'failed') {
          reject(fromThreadError(message.error));
        } else {
          const call = waiting.get(message.id);
          if (call === undefined) return;
          waiting.delete(message.id);
          if (waiting.size === 0) worker.unref();
          if (message.type === 'result') call.resolve(message.value);
          else call.reject(fromThreadError(message.error));
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

  const call = async (method: string, args: readonly unknown[]): Promise<unknown> => {
    if (closing && method !== 'close') throw new DatabaseUnavailableError('the store is closed');
    current ??= spawn();
    const { worker } = await current;
    return new Promise((resolve, reject) => {
      const id = nextId++;
      if (waiting.size === 0) worker.ref();
      waiting.set(id, { resolve, reject });
      const message: StoreCall = { id, method, args };
      worker.postMessage(message);
    });
  };

  current = spawn();
  const { fresh, methods } = await current;
  const proxy: Record<string, unknown> = { fresh };
  for (const method of methods) proxy[method] = (...args: unknown[]) => call(method, args);
  // `prepare` is a function and cannot cross threads: the thread rebuilds it from `check`.
  proxy.verifySecondFactor = ({ prepare: _, ...attempt }: { prepare: unknown }) =>
    call('verifySecondFactor', [attempt]);
  proxy.close = async () => {
    closing = true;
    const thread = current;
    if (thread === null) return;
    const { worker } = await thread;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    await call('close', []);
    await exited;
  };
  proxy.terminateThread = async () => {
    const thread = current;
    if (thread !== null) await (await thread).worker.terminate();
  };
  // Every method of the in-thread store is here under its own name (the thread listed them), each
  // returning what that method returns: the Store interface, with the thread in between.
  return proxy as unknown as ThreadedSqliteStore;
}
