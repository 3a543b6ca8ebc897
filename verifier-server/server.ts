/**
 * The verifier's entry point and the only file that reads the environment.
 * `npm run verifier` listens; `npm run verifier -- <command>` runs an administration command.
 * VERIFIER_WORKERS=N starts N processes on one database (startup/run-primary.ts).
 */
import cluster from 'node:cluster';
import { existsSync, unlinkSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadKeyFile, loadOrCreateKeyFile, parseKey } from './auth/load-key';
import { answerWithoutConfig, EXISTING_KEY_COMMANDS, runCli } from './cli/run-cli';
import { behindProxy, defaultConfig, type VerifierConfig } from './config';
import { KEY_MISMATCH_EXIT, MasterKeyMismatchError } from './startup/check-master-key';
import { parseTrustProxy } from './startup/parse-trust-proxy';
import { runPrimary } from './startup/run-primary';
import { runSingle } from './startup/run-single';
import { runWorker } from './startup/run-worker';
import { DEFAULT_POSTGRES } from './store/postgres/postgres-db';

/** A whole number from the environment within [min, max], or the default; anything else is refused. */
function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return value;
}

/** VERIFIER_OUTBOX: 1 everyone, 0 nobody, unset this machine only (nobody behind a proxy). */
function outboxAccess(raw: string | undefined, proxied: boolean): VerifierConfig['outbox'] {
  if (raw === '1') return 'everyone';
  if (raw === '0') return 'off';
  if (raw === undefined || raw === '') return proxied ? 'off' : 'local';
  throw new Error(`VERIFIER_OUTBOX must be 1 (everyone may read it) or 0 (off), not "${raw}"`);
}

/** VERIFIER_ACCESS_LOG: `on` (every request, the default), `off`, or the share to sample (0 to 1). */
function accessLog(raw: string | undefined): number {
  if (raw === undefined || raw === '' || raw === 'on') return 1;
  if (raw === 'off') return 0;
  const share = Number(raw);
  if (!/^(0|1|0?\.\d+)$/.test(raw) || share < 0 || share > 1)
    throw new Error(`VERIFIER_ACCESS_LOG must be on, off or a share from 0 to 1, not "${raw}"`);
  return share;
}

/** The key file copy-to-postgres, reset-key-check and rotate-key read; a missing one is named with where the SQLite key lies. */
function existingKey(keyFile: string, databasePath: string): Uint8Array {
  if (!existsSync(keyFile))
    throw new Error(
      `key file ${keyFile} does not exist. copy-to-postgres needs the key the SQLite verifier used (by default ${databasePath}.key), reset-key-check the key the verifier will run with, rotate-key the key in use: set VERIFIER_KEY_FILE to it, or VERIFIER_KEY`,
    );
  return loadKeyFile(keyFile);
}

/** Where this process's master key came from: VERIFIER_KEY (file null) or a key file. */
interface KeySource {
  readonly file: string | null;
  /** This process created the file (none existed): a fresh random key. */
  readonly created: boolean;
  /** The key itself, to tell whether a created file still holds it. */
  readonly key: Uint8Array;
}

let keyInUse: KeySource | null = null;

/**
 * A start refused for its key: says where the key came from, and removes a key file this start
 * created (a fresh random key would otherwise be taken for the right one at the next start).
 */
function keyRefusal(error: MasterKeyMismatchError, key: KeySource | null): string {
  if (key === null) return error.message;
  if (key.file === null) return `${error.message} This start's key came from VERIFIER_KEY.`;
  if (!key.created) return `${error.message} This start's key came from the key file ${key.file}.`;
  // Only if it still holds the key this start made (nobody put the right file there meanwhile).
  try {
    if (Buffer.from(loadKeyFile(key.file)).equals(Buffer.from(key.key))) unlinkSync(key.file);
  } catch {
    // Already gone or unreadable: nothing to undo.
  }
  return `${error.message} The key file ${key.file} did not exist: this start created one with a new random key, and removed it again. Put the key file the database is used with there, or set VERIFIER_KEY_FILE or VERIFIER_KEY.`;
}

/**
 * `keyFile: 'existing'` reads the key file without creating one (EXISTING_KEY_COMMANDS: the key must
 * be the one the data was sealed with; a fresh random one would only leave a wrong key file behind).
 */
function configFromEnvironment(
  env: NodeJS.ProcessEnv,
  options: { readonly keyFile: 'create' | 'existing' },
): {
  config: VerifierConfig;
  host: string;
  port: number;
  workers: number;
  key: KeySource;
} {
  const databaseUrl = env.DATABASE_URL || null;
  const databasePath = env.VERIFIER_DB ?? '.data/verifier.db';
  // With PostgreSQL there is no database file to put the key beside.
  const keyFile =
    env.VERIFIER_KEY_FILE ??
    (databaseUrl || databasePath === ':memory:' ? '.data/verifier.key' : `${databasePath}.key`);
  let key: KeySource;
  let secretKey: Uint8Array;
  if (env.VERIFIER_KEY) {
    secretKey = parseKey(env.VERIFIER_KEY, 'VERIFIER_KEY');
    key = { file: null, created: false, key: secretKey };
  } else if (options.keyFile === 'create') {
    const loaded = loadOrCreateKeyFile(keyFile);
    secretKey = loaded.key;
    key = { file: keyFile, created: loaded.created, key: secretKey };
  } else {
    secretKey = existingKey(keyFile, databasePath);
    key = { file: keyFile, created: false, key: secretKey };
  }
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const secureCookies = env.VERIFIER_SECURE_COOKIES === '1';
  const trustProxy = parseTrustProxy(env.VERIFIER_TRUST_PROXY);
  // A developer aid: a server whose clock is off, to test authenticators against (docs/verifier.md).
  const offsetSeconds = Number(env.VERIFIER_CLOCK_OFFSET_SECONDS ?? 0);
  if (!Number.isFinite(offsetSeconds))
    throw new Error(
      `VERIFIER_CLOCK_OFFSET_SECONDS must be a number, not "${env.VERIFIER_CLOCK_OFFSET_SECONDS}"`,
    );
  const config = defaultConfig({
    databasePath,
    sqliteThread: env.VERIFIER_SQLITE_THREAD !== '0',
    postgres: databaseUrl
      ? {
          url: databaseUrl,
          poolSize: integer(env, 'VERIFIER_PG_POOL', DEFAULT_POSTGRES.poolSize, 1, 1000),
          connectTimeoutMs: integer(
            env,
            'VERIFIER_PG_CONNECT_TIMEOUT_MS',
            DEFAULT_POSTGRES.connectTimeoutMs,
            1,
            600_000,
          ),
          statementTimeoutMs: integer(
            env,
            'VERIFIER_PG_STATEMENT_TIMEOUT_MS',
            DEFAULT_POSTGRES.statementTimeoutMs,
            1,
            600_000,
          ),
        }
      : null,
    secretKey,
    issuer: env.VERIFIER_ISSUER ?? 'Demo Portaal',
    secureCookies,
    // SECURITY #27: behind a proxy (every request comes from loopback) never by default.
    outbox: outboxAccess(env.VERIFIER_OUTBOX, behindProxy({ secureCookies, trustProxy })),
    // SECURITY #28: another account on this host connects from loopback too.
    outboxReaderUid: process.platform === 'linux' ? (process.getuid?.() ?? null) : null,
    trustProxy,
    // Asynchronous writes, gathered: a write per 4 KiB of lines, or every 250 ms if fewer came
    // (one write per line cost a thread-pool round trip per request); written out on exit too.
    // sonic-boom measures its last chunk's length on every line, so chunks stay at 8 KiB, not its
    // default 16: about 2 µs less per request at two lines each.
    log: {
      level: env.LOG_LEVEL ?? 'info',
      stream: pino.destination({ dest: 1, sync: false, minLength: 4096, maxWrite: 8192, periodicFlush: 250 }),
    },
    accessLog: accessLog(env.VERIFIER_ACCESS_LOG),
    keyWatchMs: integer(env, 'VERIFIER_KEY_WATCH_MS', 10_000, 100, 3_600_000),
    ...(offsetSeconds === 0 ? {} : { now: () => Date.now() + offsetSeconds * 1000 }),
  });
  return {
    config,
    host: env.HOST ?? '127.0.0.1',
    port,
    workers: integer(env, 'VERIFIER_WORKERS', 1, 1, 64),
    key,
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  // `help` and a mistyped command create no key file and open no database.
  const answered =
    args.length > 0 ? answerWithoutConfig(args, { out: process.stdout, err: process.stderr }) : undefined;
  if (answered !== undefined) {
    process.exitCode = answered;
    return;
  }
  const { config, host, port, workers, key } = configFromEnvironment(process.env, {
    keyFile: EXISTING_KEY_COMMANDS.has(args[0] ?? '') ? 'existing' : 'create',
  });
  keyInUse = key;
  if (args.length > 0) {
    process.exitCode = await runCli(
      args,
      config,
      { out: process.stdout, err: process.stderr, input: process.stdin },
      { keySource: key.file === null ? 'VERIFIER_KEY' : `the key file ${key.file}`, keyFile: key.file },
    );
    return;
  }
  const seed = process.env.VERIFIER_SEED !== '0';
  if (cluster.isWorker) await runWorker(config, host, port);
  else if (workers > 1)
    // This file, as it runs: TypeScript under tsx, or the built bundle (scripts/build-verifier.ts).
    await runPrimary(config, { host, port, seed, workers, entry: fileURLToPath(import.meta.url) });
  else await runSingle(config, host, port, seed);
}

main().catch((err: unknown) => {
  if (err instanceof MasterKeyMismatchError) {
    process.stderr.write(`verifier: ${keyRefusal(err, keyInUse)}\n`);
    process.exit(KEY_MISMATCH_EXIT);
  }
  process.stderr.write(`verifier: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
