import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { HOTP, Secret } from 'otpauth';
import { afterEach, inject } from 'vitest';
import { manualKeyOf } from './manual-key-of';
import { createTestDatabase, type TestDatabase } from './verifier-test-database';

/** The repository root (this file is test/support/verifier-process.ts). */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A fresh 32-byte key as base64: every process on one database must share it (sealed secrets, cookies). */
export function newVerifierKey(): string {
  return randomBytes(32).toString('base64');
}

export interface TempDatabase {
  readonly dir: string;
  readonly path: string;
  remove(): void;
}

/** A database path in a fresh temporary directory (the WAL and SHM files land beside it). */
export function tempDatabase(): TempDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-proc-'));
  return { dir, path: join(dir, 'verifier.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface VerifierProcess {
  /** Origin, e.g. http://127.0.0.1:41234 (no trailing slash). */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything written so far. */
  stdout(): string;
  stderr(): string;
  readonly exited: Promise<Exit>;
  /** SIGTERM (graceful) or SIGKILL; resolves when the process has exited. */
  stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<Exit>;
}

export interface VerifierEnv {
  /** A SQLite file (VERIFIER_DB) … */
  readonly databasePath?: string;
  /** … or any test database: its `env` (VERIFIER_DB or DATABASE_URL, verifier-test-database.ts). */
  readonly database?: { readonly env: Readonly<Record<string, string>> };
  readonly key: string;
  /** VERIFIER_SEED; the server seeds demo/demo on an empty database unless this is false. */
  readonly seed?: boolean;
  readonly host?: string;
  readonly port?: number;
  readonly extra?: Readonly<Record<string, string>>;
  /**
   * The built server (scripts/build-verifier.ts) to run under plain Node, as `npm run verifier`
   * does, or 'tsx' for server.ts under tsx, as `npm start` does. By default the build the test
   * project's global setup provides (test/support/verifier-build-setup.ts: the unit projects),
   * else tsx (the end-to-end projects).
   */
  readonly entry?: string;
}

const running = new Set<ChildProcess>();

// Last resort: never leave a server behind when the test worker exits.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

function environment(options: VerifierEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(options.port ?? 0),
    HOST: options.host ?? '127.0.0.1',
    ...(options.databasePath === undefined ? {} : { VERIFIER_DB: options.databasePath }),
    ...options.database?.env,
    VERIFIER_KEY: options.key,
    VERIFIER_SEED: options.seed === false ? '0' : '1',
    LOG_LEVEL: 'warn',
    ...options.extra,
  };
  return env;
}

/**
 * Spawns `node <entry> [args]` or `node --import tsx verifier-server/server.ts [args]` as ONE
 * process. (The `tsx` binary runs the script in a child of its own and cannot relay SIGKILL,
 * which would orphan the server.)
 */
function spawnServer(options: VerifierEnv, args: readonly string[] = []): ChildProcess {
  const entry = options.entry ?? inject('verifierEntry') ?? 'tsx';
  const script = entry === 'tsx' ? ['--import', 'tsx', 'verifier-server/server.ts'] : [entry];
  const child = spawn(process.execPath, [...script, ...args], {
    cwd: REPO_ROOT,
    env: environment(options),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** A process's arguments as the kernel has them (`/proc/<pid>/cmdline`), or null once it has ended. */
export function commandLine(pid: number): string[] | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

/** The child processes of `pid` whose command line contains `script` (a server's entry file). */
export function childrenRunning(pid: number, script: string): number[] {
  let listed = '';
  try {
    listed = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  } catch {
    return []; // pgrep exits 1 when there are none
  }
  return listed
    .trim()
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((child) => commandLine(child)?.some((arg) => arg.includes(script)) ?? false);
}

export function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Starts a verifier and waits for its "Verifier: http://…/login" line. */
export async function startVerifier(options: VerifierEnv, timeoutMs = 20_000): Promise<VerifierProcess> {
  const child = spawnServer(options);
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = exitOf(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`verifier did not start within ${timeoutMs} ms\n${out}\n${err}`));
    }, timeoutMs);
    const onData = () => {
      // Whatever it listens on (0.0.0.0 too), this machine reaches it at 127.0.0.1.
      const match = /Verifier: http:\/\/[^\s/]+:(\d+)\/login/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        resolve(`http://127.0.0.1:${match[1]}`);
      }
    };
    child.stdout?.on('data', onData);
    exited
      .then(({ code, signal }) => {
        clearTimeout(timer);
        reject(new Error(`verifier exited (${code ?? signal}) before listening\n${out}\n${err}`));
      })
      .catch(reject);
  });
  return {
    url,
    child,
    stdout: () => out,
    stderr: () => err,
    exited,
    stop: (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs server.ts to completion (a CLI command, or a start that must fail) and collects its output. */
export async function runVerifierToExit(
  options: VerifierEnv,
  args: readonly string[] = [],
  timeoutMs = 20_000,
  input = '',
): Promise<Exit & { stdout: string; stderr: string }> {
  const child = spawnServer(options, args);
  child.stdin?.end(input);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  const exit = await exitOf(child);
  clearTimeout(timer);
  return { ...exit, stdout, stderr };
}

/**
 * Spawns `node --import tsx <script> [args]` from the repository root (for small worker scripts in
 * test fixtures); it is killed by killAllVerifiers too.
 */
export function spawnTsx(script: string, args: readonly string[] = []): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  return child;
}

/** SIGKILLs every verifier this worker started that is still running (for afterEach/afterAll). */
export async function killAllVerifiers(): Promise<void> {
  const children = [...running];
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map(exitOf));
}

export interface HttpPage {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
  readonly headers: Headers;
}

/**
 * A tiny browser over fetch: keeps cookies (honouring Max-Age=0 and past Expires), never follows
 * redirects by itself, and remembers the last page's `_csrf` token for the next form.
 */
export class HttpClient {
  readonly cookies = new Map<string, string>();
  csrf: string | undefined;

  constructor(public baseUrl: string) {}

  private remember(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => {
        const [k = '', v = ''] = a.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'max-age') return Number(v) <= 0;
        if (k.toLowerCase() === 'expires') return new Date(v).getTime() < Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private async request(method: string, path: string, body?: string): Promise<HttpPage> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body, redirect: 'manual' });
    this.remember(response.headers);
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (token) this.csrf = token;
    return {
      status: response.status,
      location: response.headers.get('location') ?? undefined,
      body: text,
      headers: response.headers,
    };
  }

  get(path: string): Promise<HttpPage> {
    return this.request('GET', path);
  }

  /** Posts an urlencoded form; `_csrf` from the last page is added unless the fields set it. */
  post(path: string, fields: Record<string, string> = {}): Promise<HttpPage> {
    const params = new URLSearchParams();
    if (!('_csrf' in fields) && this.csrf) params.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) params.append(k, v);
    return this.request('POST', path, params.toString());
  }

  /** The same cookies and token, talking to another process on the same database. */
  cloneFor(baseUrl: string): HttpClient {
    const copy = new HttpClient(baseUrl);
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    copy.csrf = this.csrf;
    return copy;
  }
}

/** The newest 6-digit code sent to `to`, read from GET /outbox.json. */
export async function outboxCode(baseUrl: string, to: string): Promise<string> {
  const response = await fetch(new URL('/outbox.json', baseUrl));
  const messages = (await response.json()) as Array<{ to: string; body: string }>;
  const code = messages.filter((m) => m.to === to).map((m) => /\b(\d{6})\b/.exec(m.body)?.[1])[0];
  if (!code) throw new Error(`no code was sent to ${to}`);
  return code;
}

/** Logs in through the password step and the e-mail code (a user without authenticators). */
export async function loginByEmailOverHttp(
  client: HttpClient,
  user: { readonly username: string; readonly password: string; readonly email: string },
): Promise<void> {
  await client.get('/login');
  const first = await client.post('/login', { username: user.username, password: user.password });
  if (first.location !== '/login/fallback')
    throw new Error(`password step: ${first.status} ${first.location}`);
  await client.get('/login/fallback');
  const sent = await client.post('/login/fallback', { channel: 'email' });
  if (sent.location !== '/login/fallback/code') throw new Error(`send code: ${sent.status}`);
  await client.get('/login/fallback/code');
  const done = await client.post('/login/fallback/code', {
    code: await outboxCode(client.baseUrl, user.email),
  });
  if (done.location !== '/account') throw new Error(`fallback code: ${done.status}`);
}

/** The TOTP code of `base32` at time step `step` (SHA-1, 6 digits: the verifier's default). */
export const codeAt = (base32: string, step: number): string =>
  HOTP.generate({ secret: Secret.fromBase32(base32), counter: step });

/** The current 30-second time step. */
export const currentStep = (): number => Math.floor(Date.now() / 30_000);

/**
 * Logs `user` (without authenticators) in by e-mail and enrolls "Chrome plugin balie" over HTTP;
 * returns its secret (base32) and the time step its confirming code used.
 */
export async function enrollOverHttp(
  url: string,
  user: { readonly username: string; readonly password: string; readonly email: string },
): Promise<{ secret: string; step: number }> {
  const owner = new HttpClient(url);
  await loginByEmailOverHttp(owner, user);
  await owner.get('/account/authenticators/new');
  await owner.post('/account/authenticators/new', { name: 'Chrome plugin balie' });
  const secret = manualKeyOf((await owner.get('/account/authenticators/new/step-2')).body);
  const step = currentStep();
  const done = await owner.post('/account/authenticators/new/step-2', { code: codeAt(secret, step) });
  if (done.location !== '/account') throw new Error(`enrollment step 2: ${done.status}`);
  return { secret, step };
}

/** In-memory streams for runCli: `input` is what "standard input" holds. */
export function captureIo(input = '') {
  const out = new PassThrough();
  const err = new PassThrough();
  let outText = '';
  let errText = '';
  out.setEncoding('utf8').on('data', (c: string) => {
    outText += c;
  });
  err.setEncoding('utf8').on('data', (c: string) => {
    errText += c;
  });
  return {
    io: { out, err, input: Readable.from(input === '' ? [] : [input]) },
    out: () => outText,
    err: () => errText,
  };
}

/**
 * For tests that start verifier processes: `database()` makes a test database of the project's
 * kind; after each test every process this worker started is killed and those databases removed.
 */
export function processTestDatabases(): () => Promise<TestDatabase> {
  let databases: TestDatabase[] = [];
  afterEach(async () => {
    await killAllVerifiers();
    for (const d of databases) await d.remove();
    databases = [];
  });
  return async () => {
    const db = await createTestDatabase();
    databases.push(db);
    return db;
  };
}
