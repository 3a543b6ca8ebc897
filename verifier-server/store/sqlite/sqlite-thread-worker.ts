import { parentPort, workerData } from 'node:worker_threads';
import { totpCodeChecker } from '../../auth/totp-code-checker';
import type { CodeCheck, SealedTotpKey, Store } from '../store';
import { createSqliteStore } from './create-sqlite-store';
import type { CheckpointerData } from './sqlite-checkpoint-worker';
import {
  type CallOutcome,
  type CheckpointerReport,
  type FromSqliteThread,
  METHODS_WITH_PREPARE,
  type SqliteThreadData,
  type StoreCall,
  TERMINATE_CHECKPOINTER,
  type ToSqliteThread,
  toThreadError,
} from './sqlite-thread-protocol';
import { siblingModule, startModuleWorker } from './start-module-worker';

/**
 * The SQLite thread (sqlite-thread-store.ts): opens and migrates the database, then answers Store
 * calls one at a time. better-sqlite3 is synchronous, so every statement, commit and WAL
 * checkpoint runs here, never on the thread that serves HTTP. A batch's calls run one after the
 * other, in the order they were made.
 */
const port = parentPort;
if (port === null) throw new Error('sqlite-thread-worker runs only as a worker thread');
const { path, secretsKey } = workerData as SqliteThreadData;
const send = (message: FromSqliteThread) => port.postMessage(message);

let store: Store;
try {
  store = createSqliteStore(path);
} catch (error) {
  send({ type: 'failed', error: toThreadError(error) });
  process.exit(1);
}
const checkCode = totpCodeChecker(secretsKey);

// The WAL's copying and fsyncs in a thread of their own (sqlite-checkpoint-worker.ts), so this one
// keeps answering; it ends with this thread. If it fails, the writer's autocheckpoint does it all.
const checkpointer =
  path === ':memory:' || path === ''
    ? null
    : startModuleWorker(siblingModule(import.meta.url, 'sqlite-checkpoint-worker'), {
        path,
      } satisfies CheckpointerData);
// Its failures reach the server's log through the thread that serves HTTP (sqlite-thread-store.ts).
let checkpointerStopped = false;
checkpointer?.on('message', (report: CheckpointerReport) => send({ type: 'checkpointer', report }));
const checkpointerDown = (error: unknown) => {
  if (checkpointerStopped) return;
  checkpointerStopped = true;
  send({ type: 'checkpointer', report: { error: toThreadError(error) } });
};
checkpointer?.on('error', checkpointerDown);
checkpointer?.on('exit', (code) =>
  checkpointerDown(new Error(`the checkpointer stopped (exit code ${code})`)),
);
checkpointer?.unref();
const checkpointerEnded = checkpointer ? new Promise((resolve) => checkpointer.once('exit', resolve)) : null;
const methods = Object.keys(store).filter(
  (name) => typeof (store as unknown as Record<string, unknown>)[name] === 'function',
);

/** `prepare` rebuilt from `check` with this thread's checker (the same function, the same key). */
function withPrepare(args: readonly unknown[]): unknown[] {
  const attempt = args[0] as { readonly check: CodeCheck };
  return [{ ...attempt, prepare: (a: SealedTotpKey) => checkCode(a, attempt.check) }];
}

async function run(call: StoreCall): Promise<CallOutcome> {
  try {
    // A fault test's: the checkpointer ends as a crash would (reported like one).
    if (call.method === TERMINATE_CHECKPOINTER)
      return { id: call.id, value: await checkpointer?.terminate() };
    if (!methods.includes(call.method)) throw new Error(`no store method ${call.method}`);
    const args = METHODS_WITH_PREPARE.includes(call.method) ? withPrepare(call.args) : call.args;
    // The method table is the store's own (Object.keys above); arguments came from its typed proxy.
    const method = (store as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[call.method];
    return { id: call.id, value: await method?.(...args) };
  } catch (error) {
    return { id: call.id, error: toThreadError(error) };
  }
}

port.on('message', async (calls: ToSqliteThread) => {
  const closing = calls.some((call) => call.method === 'close');
  // Its connection closed first: the writer's, closing last, copies the rest and removes the WAL.
  if (closing && checkpointer) {
    checkpointer.postMessage('stop');
    await checkpointerEnded;
  }
  const outcomes: CallOutcome[] = [];
  for (const call of calls) outcomes.push(await run(call));
  send({ type: 'outcomes', outcomes });
  if (closing) port.close();
});
send({ type: 'ready', fresh: store.fresh, methods });
