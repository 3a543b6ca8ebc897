import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL server for tests and the benchmark: Debian's binaries (package
 * `postgresql`), `initdb` into a temporary directory, `pg_ctl start` on 127.0.0.1 and a free
 * port, stopped and deleted afterwards. initdb refuses to run as root, so as root the server
 * runs as the `postgres` OS user (`runuser`), which then owns the directory.
 */
export interface ThrowawayPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (trust authentication on loopback only). */
  readonly url: string;
  readonly port: number;
  /** The postmaster's process id (its backends are its children), or null while it is stopped. */
  pid(): number | null;
  /** `pg_ctl stop -m fast`: every connection is cut (the data directory stays). */
  halt(): Promise<void>;
  /** Starts it again after halt(); resolves when it accepts connections. */
  resume(): Promise<void>;
  /** Stops it for good and deletes its directory. */
  stop(): void;
}

/** The newest installed PostgreSQL's bin directory, e.g. /usr/lib/postgresql/15/bin. */
export function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] === undefined)
    throw new Error('PostgreSQL is not installed: apt-get install postgresql (or set DATABASE_URL)');
  return join(root, versions[0], 'bin');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });
}

function asServerUser(command: string, args: readonly string[]): { file: string; args: string[] } {
  const root = process.getuid?.() === 0;
  return root
    ? { file: 'runuser', args: ['-u', 'postgres', '--', command, ...args] }
    : { file: command, args: [...args] };
}

function run(command: string, args: readonly string[]): void {
  const call = asServerUser(command, args);
  const result = spawnSync(call.file, call.args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`);
}

/** The same, without blocking the event loop (a load generator keeps running meanwhile). */
function runAsync(command: string, args: readonly string[]): Promise<void> {
  const call = asServerUser(command, args);
  return new Promise((resolve, reject) =>
    execFile(call.file, call.args, (error, stdout, stderr) =>
      error ? reject(new Error(`${command} failed: ${stderr || stdout}`)) : resolve(),
    ),
  );
}

/**
 * Starts a fresh server. Settings for a test machine: no fsync by default (a crash loses nothing
 * we keep); the benchmark asks for `durable` to measure real commits.
 */
export async function startThrowawayPostgres(
  options: { durable?: boolean; maxConnections?: number } = {},
): Promise<ThrowawayPostgres> {
  const bin = postgresBinDir();
  const dir = mkdtempSync(join(tmpdir(), 'verifier-pg-'));
  chmodSync(dir, 0o700);
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  const settings = [
    `-p ${port}`,
    `-k ${dir}`,
    '-c listen_addresses=127.0.0.1',
    `-c max_connections=${options.maxConnections ?? 200}`,
    ...(options.durable ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
  ].join(' ');
  const pgCtl = join(bin, 'pg_ctl');
  const startArgs = ['-D', data, '-o', settings, '-l', join(dir, 'server.log'), '-w', 'start'];
  run(pgCtl, startArgs);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    try {
      run(pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  process.once('exit', stop);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pid() {
      try {
        return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
      } catch {
        return null;
      }
    },
    halt: () => runAsync(pgCtl, ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: () => runAsync(pgCtl, startArgs),
    stop,
  };
}

/** A private schema on the server at `baseUrl`, for one test or one group of processes. */
export interface TestSchema {
  /** `baseUrl` with `options=-c search_path=<schema>`: every connection from it works in the schema. */
  readonly url: string;
  readonly name: string;
  /** Runs SQL in the schema (a second connection beside the verifier's). */
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  drop(): Promise<void>;
}

const adminPools = new Map<string, pg.Pool>();
function adminPool(baseUrl: string): pg.Pool {
  let pool = adminPools.get(baseUrl);
  if (!pool) {
    pool = new pg.Pool({ connectionString: baseUrl, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    pool.on('error', () => undefined); // a server stopped under an idle admin connection
    adminPools.set(baseUrl, pool);
  }
  return pool;
}

export function urlWithSearchPath(baseUrl: string, schema: string): string {
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return url.toString();
}

export async function createTestSchema(baseUrl: string): Promise<TestSchema> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const pool = adminPool(baseUrl);
  await pool.query(`CREATE SCHEMA ${name}`);
  return {
    url: urlWithSearchPath(baseUrl, name),
    name,
    async query<Row>(text: string, values?: readonly unknown[]) {
      const client = await pool.connect();
      try {
        await client.query(`SET search_path TO ${name}`);
        return (await client.query(text, values === undefined ? [] : [...values])).rows as Row[];
      } finally {
        await client.query('RESET search_path').catch(() => undefined);
        client.release();
      }
    },
    async drop() {
      await pool.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    },
  };
}
