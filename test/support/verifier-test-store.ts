import { inject } from 'vitest';
import { createPostgresStore } from '../../verifier-server/store/postgres/create-postgres-store';
import { DEFAULT_POSTGRES, type PostgresOptions } from '../../verifier-server/store/postgres/postgres-db';
import { createSqliteStore } from '../../verifier-server/store/sqlite/create-sqlite-store';
import type { Store } from '../../verifier-server/store/store';
import { createTestSchema, type TestSchema } from './verifier-postgres';
import type { TestDatabase } from './verifier-test-database';

/**
 * Which store the verifier tests run on: the `unit` project uses SQLite, the `unit-pg` project
 * (VERIFIER_TEST_STORE=postgres) a real PostgreSQL, each test in a fresh schema.
 */
export const TEST_STORE: 'sqlite' | 'postgres' =
  process.env.VERIFIER_TEST_STORE === 'postgres' ? 'postgres' : 'sqlite';

/** Connection settings for a test schema: short waits, so a fault test does not hang. */
export function testPostgresOptions(url: string, overrides: Partial<PostgresOptions> = {}): PostgresOptions {
  return { ...DEFAULT_POSTGRES, url, poolSize: 4, ...overrides };
}

/** A fresh schema on the run's PostgreSQL (unit-pg project only). */
export function testSchema(): Promise<TestSchema> {
  return createTestSchema(inject('postgresUrl'));
}

export interface TestStore {
  readonly store: Store;
  /** Closes the store and deletes its database. */
  close(): Promise<void>;
}

/** A store on a database made with createTestDatabase (several may share it, like processes do). */
export function openTestStore(config: TestDatabase['config']): Promise<Store> {
  return 'postgres' in config
    ? createPostgresStore(config.postgres, () => undefined)
    : Promise.resolve(createSqliteStore(config.databasePath));
}

/**
 * A fresh, empty, migrated store of the project's kind: SQLite in memory, or a fresh schema on the
 * run's PostgreSQL.
 */
export async function createTestStore(): Promise<TestStore> {
  if (TEST_STORE === 'sqlite') {
    const store = createSqliteStore(':memory:');
    return { store, close: () => store.close() };
  }
  const schema = await testSchema();
  const store = await createPostgresStore(testPostgresOptions(schema.url), () => undefined);
  return {
    store,
    async close() {
      await store.close();
      await schema.drop();
    },
  };
}
