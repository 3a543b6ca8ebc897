import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { buildApp, type VerifierApp } from '../../verifier-server/app';
import {
  DEFAULT_POLICY,
  defaultConfig,
  type SecurityPolicy,
  type VerifierConfig,
} from '../../verifier-server/config';
import type { PostgresOptions } from '../../verifier-server/store/postgres/postgres-db';
import type { Store } from '../../verifier-server/store/store';
import { createTestDatabase, type TestDatabase } from './verifier-test-database';
import { TEST_STORE } from './verifier-test-store';

/** A clock the test moves by hand (milliseconds). */
export interface TestClock {
  now(): number;
  set(ms: number): void;
  advance(seconds: number): void;
}

export function testClock(startMs = Date.UTC(2026, 10, 28, 12, 0, 0)): TestClock {
  let t = startMs;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (seconds) => {
      t += seconds * 1000;
    },
  };
}

export interface TestApp extends VerifierApp {
  readonly clock: TestClock;
  /** Everything the server logged, as raw JSON lines. */
  readonly logs: string[];
  readonly config: VerifierConfig;
  /** The database the app runs on, when it is one a test can look into (see `onDisk`). */
  readonly database: TestDatabase | null;
}

export interface TestAppOptions {
  readonly policy?: Partial<SecurityPolicy>;
  readonly config?: Partial<VerifierConfig>;
  readonly store?: Store;
  readonly clock?: TestClock;
  /**
   * A database a test can look into (createTestDatabase): a SQLite file instead of memory. On
   * PostgreSQL every app gets one (a fresh schema). Removed when the app closes.
   */
  readonly onDisk?: boolean;
  /** Pool and timeout settings for the PostgreSQL store (unit-pg), e.g. to force a fault. */
  readonly postgres?: Partial<PostgresOptions>;
  /** The logger's level (default debug); the log is captured either way. */
  readonly logLevel?: string;
}

/**
 * A fresh verifier with a fake clock and a captured log, on an in-memory SQLite database or, in
 * the `unit-pg` project, on a fresh schema of a real PostgreSQL (dropped when the app closes).
 * Argon2id runs with a tiny cost so tests stay fast; the parameters are production's elsewhere.
 */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const clock = options.clock ?? testClock();
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(...String(chunk).split('\n').filter(Boolean));
      done();
    },
  });
  const database =
    !options.store && (options.onDisk || TEST_STORE === 'postgres') ? await createTestDatabase() : null;
  const config = defaultConfig({
    secretKey: new Uint8Array(randomBytes(32)),
    now: clock.now,
    log: { level: options.logLevel ?? 'debug', stream },
    argon2: { memorySize: 1024, iterations: 1 },
    policy: { ...DEFAULT_POLICY, ...options.policy },
    ...(database && 'postgres' in database.config
      ? { postgres: { ...database.config.postgres, ...options.postgres } }
      : database?.config),
    ...options.config,
  });
  const built = await buildApp(config, options.store ? { store: options.store } : {});
  // Registered after buildApp's own onClose, which closes the store first.
  if (database) built.app.addHook('onClose', () => database.remove());
  return { ...built, clock, logs, config, database };
}
