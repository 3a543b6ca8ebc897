import cluster, { type Worker } from 'node:cluster';
import pino from 'pino';
import { createHashLimiter } from '../auth/hash-limiter';
import { createPasswordHasher } from '../auth/password-hasher';
import type { VerifierConfig } from '../config';
import { logDatabaseError } from '../store/log-database-error';
import { openStore } from '../store/open-store';
import { KEY_MISMATCH_EXIT } from './check-master-key';
import { type PreparedDatabase, prepareDatabase, startupLines } from './prepare-database';
import { isWorkerMessage } from './worker-message';

const RESPAWN_DELAY_MS = 1_000;

/**
 * VERIFIER_WORKERS=N: this process migrates the database and seeds the demo account once, then
 * starts N workers (node:cluster) that share the port and the database, prints the start-up text
 * once when all listen, replaces a worker that dies, and stops them all on SIGINT/SIGTERM.
 */
export async function runPrimary(
  config: VerifierConfig,
  options: {
    readonly host: string;
    readonly port: number;
    readonly seed: boolean;
    readonly workers: number;
    /** The file each worker runs: server.ts under tsx, or the built server.js (scripts/build-verifier.ts). */
    readonly entry: string;
  },
): Promise<void> {
  if (!config.postgres && config.databasePath === ':memory:')
    throw new Error(
      'VERIFIER_WORKERS needs one database for all workers: a file (VERIFIER_DB) or DATABASE_URL',
    );
  const log =
    config.log === false
      ? pino({ level: 'silent' })
      : config.log.stream
        ? pino({ level: config.log.level }, config.log.stream)
        : pino({ level: config.log.level });
  const prepared = await prepareOnce(config, options.host, options.seed, log);

  cluster.setupPrimary({ exec: options.entry, args: [] });
  let closing = false;
  const listening = new Set<Worker>();
  let printed = false;
  // Every worker, a replacement started much later too, serves with the key this process checked
  // at start, not with whatever the key file holds by then (SECURITY #28: a child of the same
  // account, which can read the key file anyway).
  const workerEnv = { VERIFIER_KEY: Buffer.from(config.secretKey).toString('base64') };
  const start = () => {
    if (closing) return;
    const worker = cluster.fork(workerEnv);
    worker.on('message', (message: unknown) => {
      if (!isWorkerMessage(message)) return;
      listening.add(worker);
      if (!printed && listening.size === options.workers) {
        printed = true;
        const lines = startupLines(config, message.address, prepared);
        lines.splice(1, 0, `Workers:  ${options.workers} processes on one database`);
        process.stdout.write(`${lines.join('\n')}\n`);
      }
    });
    worker.on('exit', (code, signal) => {
      const started = listening.delete(worker);
      if (closing) return;
      if (code === KEY_MISMATCH_EXIT) {
        // The database has another key since the start (rotate-key, reset-key-check): every
        // replacement would be refused the same way, so stop, as a start with this key would.
        log.error({ event: 'worker.key-mismatch' }, 'a worker has another master key than the database');
        process.stderr.write(
          'verifier: a worker found the database used with another master key than this start checked (rotate-key or reset-key-check since the start); stopping every worker.\n',
        );
        stopAll(KEY_MISMATCH_EXIT);
        return;
      }
      if (!started && !printed) {
        // A worker that cannot start (the port taken, the database refused) will not on a retry.
        log.error({ event: 'worker.failed', code, signal }, 'a worker could not start');
        stopAll(1);
        return;
      }
      log.error({ event: 'worker.exited', code, signal }, 'a worker exited; starting another');
      setTimeout(start, RESPAWN_DELAY_MS).unref();
    });
  };
  const stopAll = (exitCode: number) => {
    closing = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    if (workers.length === 0) process.exit(exitCode);
    let left = workers.length;
    for (const worker of workers) {
      worker.once('exit', () => {
        left--;
        if (left === 0) process.exit(exitCode);
      });
      worker.process.kill('SIGTERM');
    }
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));
  for (let i = 0; i < options.workers; i++) start();
}

/** The migrations (in openStore) and the demo seed, before any worker opens the database. */
async function prepareOnce(
  config: VerifierConfig,
  host: string,
  seed: boolean,
  log: pino.Logger,
): Promise<PreparedDatabase> {
  const store = await openStore(config, (err) => logDatabaseError(log, err));
  try {
    const passwords = await createPasswordHasher(
      config.argon2,
      createHashLimiter({ concurrency: 1, queue: 1, perClient: 1 }),
    );
    const prepared = await prepareDatabase(store, passwords, config, host, seed);
    if (prepared.warning) {
      log.warn({ event: 'demo.exposed' }, 'the demo account is reachable from other hosts');
      process.stderr.write(`${prepared.warning}\n`);
    }
    return prepared;
  } finally {
    await store.close();
  }
}
