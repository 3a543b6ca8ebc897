import type { DestinationStream } from 'pino';
import type { PostgresOptions } from './store/postgres/postgres-db';

/** Everything the verifier needs to run; built by server.ts (from the environment) or by tests. */
export interface VerifierConfig {
  /** Path of the SQLite database, or ':memory:' (unused when `postgres` is set). */
  readonly databasePath: string;
  /**
   * SQLite's statements, commits and checkpoints run in a thread of their own
   * (store/sqlite/sqlite-thread-store.ts), not on the thread that serves HTTP. The server turns it
   * on (VERIFIER_SQLITE_THREAD=0 turns it off); apps built in tests run SQLite in their thread.
   */
  readonly sqliteThread: boolean;
  /** PostgreSQL instead of SQLite (DATABASE_URL): several instances can share it. */
  readonly postgres: PostgresOptions | null;
  /** 32-byte key that encrypts TOTP secrets at rest (never stored in the database). */
  readonly secretKey: Uint8Array;
  /** Shown in authenticator apps and as the label prefix of the otpauth URI. */
  readonly issuer: string;
  /** True when served over https: cookies get Secure and the __Host- prefix. */
  readonly secureCookies: boolean;
  /**
   * Who may read /outbox and /outbox.json (the development transport's messages, fallback codes
   * included): nobody, requests from this machine by name (SECURITY #27), or everyone.
   * server.ts: 'local' unless a proxy is in front (behindProxy: then 'off'); VERIFIER_OUTBOX=1
   * makes it 'everyone', VERIFIER_OUTBOX=0 'off'.
   */
  readonly outbox: 'off' | 'local' | 'everyone';
  /**
   * With outbox 'local': the OS user id a process must run as to read it (server.ts: the
   * verifier's own, on Linux, where the socket table tells who is at the other end of a loopback
   * connection); null: any process on this machine (elsewhere, and in tests built without sockets).
   */
  readonly outboxReaderUid: number | null;
  /**
   * Fastify's trustProxy: which peers' X-Forwarded-For names the client (the password throttle
   * counts per client address). false: the socket's peer is the client.
   */
  readonly trustProxy: false | string;
  /** Slow clients (SECURITY #32): a whole request, its headers, and an idle kept-alive connection. */
  readonly timeouts: {
    readonly requestMs: number;
    readonly headersMs: number;
    readonly keepAliveMs: number;
  };
  /** Clock in milliseconds; tests replace it. */
  readonly now: () => number;
  /**
   * pino logger options: `false` for silence, or a level and a destination stream (tests capture
   * it; server.ts writes to stdout asynchronously). Security events (`event` lines) are logged at
   * `info` even when the level is higher: only `false` silences them.
   */
  readonly log: false | { readonly level: string; readonly stream?: DestinationStream };
  /** Share of requests with an access-log line: 1 every one, 0 none (VERIFIER_ACCESS_LOG). */
  readonly accessLog: number;
  /**
   * How often a running instance re-reads the database's key check, to stop once another key was
   * given to the database (rotate-key, reset-key-check; VERIFIER_KEY_WATCH_MS).
   */
  readonly keyWatchMs: number;
  /**
   * Concurrent password hashes; strangers waiting beyond `passwordQueue` (all addresses), with
   * more than `passwordPerClient` running or waiting from one address, or with more than
   * `passwordPerGroup` waiting from one network (an IPv6 /48, an IPv4 address) are answered 429.
   */
  readonly passwordConcurrency: number;
  readonly passwordQueue: number;
  readonly passwordPerClient: number;
  readonly passwordPerGroup: number;
  /** Argon2id cost. Production: m = 19 MiB, t = 2, p = 1 (OWASP); tests may lower it. */
  readonly argon2: { readonly memorySize: number; readonly iterations: number };
  readonly policy: SecurityPolicy;
}

export interface SecurityPolicy {
  /** Half-logged-in state (password done, code not yet): SECURITY #15, ≤ 10 min. */
  readonly mfaSeconds: number;
  /** A full session's absolute lifetime. */
  readonly sessionSeconds: number;
  /** Adding or removing an authenticator needs a password entered this recently. */
  readonly recentAuthSeconds: number;
  /** Pending (unconfirmed) authenticator secret lifetime: SECURITY #17, ≤ 10 min. */
  readonly enrollmentSeconds: number;
  /** "Onthoud deze browser voor 7 dagen". */
  readonly rememberSeconds: number;
  /**
   * The device cookie set at each completed login (SECURITY #19): a browser that logged in may
   * have fallback codes sent under its own cap, past the account's ceiling.
   */
  readonly deviceSeconds: number;
  /** Fallback (e-mail/SMS) code lifetime and the attempts one code allows. */
  readonly fallbackCodeSeconds: number;
  readonly fallbackCodeAttempts: number;
  /**
   * Fallback sends per account and client address per hour (SECURITY #19): whoever has the
   * password, from one address, cannot use up the account's sends.
   */
  readonly fallbackSendsPerClientPerHour: number;
  /** The looser ceiling: fallback sends per account per hour, all addresses together. */
  readonly fallbackSendsPerHour: number;
  /** Consecutive failures before the account is locked (SECURITY #8: at most 100). */
  readonly lockAfterFailures: number;
  /** The growing delay after failures: 1, 2, 4 … seconds, capped. */
  readonly maxDelaySeconds: number;
  /**
   * Wrong passwords for one username from one client address (or one proven browser) that cost
   * nothing (typos); later ones wait 1, 2, 4 … s.
   */
  readonly freeLoginFailures: number;
  /**
   * The looser ceiling for one username across all addresses (SECURITY #30): wrong passwords per
   * `loginWindowSeconds` before everyone but proven browsers waits. Above what one address can
   * send within its own delays (at most one a `maxLoginDelaySeconds`).
   */
  readonly freeLoginFailuresPerName: number;
  readonly loginWindowSeconds: number;
  readonly maxLoginDelaySeconds: number;
}

export const DEFAULT_POLICY: SecurityPolicy = Object.freeze({
  mfaSeconds: 10 * 60,
  sessionSeconds: 8 * 60 * 60,
  recentAuthSeconds: 15 * 60,
  enrollmentSeconds: 10 * 60,
  rememberSeconds: 7 * 24 * 60 * 60,
  deviceSeconds: 90 * 24 * 60 * 60,
  fallbackCodeSeconds: 10 * 60,
  fallbackCodeAttempts: 5,
  fallbackSendsPerClientPerHour: 3,
  fallbackSendsPerHour: 10,
  lockAfterFailures: 10,
  maxDelaySeconds: 5 * 60,
  freeLoginFailures: 5,
  freeLoginFailuresPerName: 100,
  loginWindowSeconds: 60 * 60,
  maxLoginDelaySeconds: 60,
});

export const PRODUCTION_ARGON2 = Object.freeze({ memorySize: 19 * 1024, iterations: 2 });

export function defaultConfig(
  overrides: Partial<VerifierConfig> & Pick<VerifierConfig, 'secretKey'>,
): VerifierConfig {
  return {
    databasePath: ':memory:',
    sqliteThread: false,
    postgres: null,
    issuer: 'Demo Portaal',
    secureCookies: false,
    outbox: 'local',
    outboxReaderUid: null,
    trustProxy: false,
    timeouts: { requestMs: 15_000, headersMs: 10_000, keepAliveMs: 5_000 },
    now: Date.now,
    log: { level: 'info' },
    accessLog: 1,
    keyWatchMs: 10_000,
    passwordConcurrency: 2,
    passwordQueue: 64,
    passwordPerClient: 4,
    // A quarter of the queue: the /64s of one network fill at most that.
    passwordPerGroup: 16,
    argon2: PRODUCTION_ARGON2,
    policy: DEFAULT_POLICY,
    ...overrides,
  };
}

/**
 * Whether the configuration says a proxy is in front: https (secure cookies) or a trusted proxy.
 * Then every request may arrive from loopback on someone else's behalf, so "this machine only"
 * (the outbox, the demo account) cannot be told apart and is not offered (SECURITY #27).
 */
export function behindProxy(config: Pick<VerifierConfig, 'secureCookies' | 'trustProxy'>): boolean {
  return config.secureCookies || config.trustProxy !== false;
}
