import { afterEach, describe, expect, test } from 'vitest';
import { DatabaseUnavailableError } from '../../../../../verifier-server/store/database-unavailable';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import { POSTGRES_MIGRATIONS } from '../../../../../verifier-server/store/postgres/postgres-migrations';
import { SchemaVersionError } from '../../../../../verifier-server/store/schema-version-error';
import type { Store } from '../../../../../verifier-server/store/store';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';

/** The PostgreSQL store's versioned migrations (unit-pg only): CONVENTIONS 6, issue 13. */

const CURRENT = POSTGRES_MIGRATIONS.length;
let schemas: TestSchema[] = [];
let stores: Store[] = [];
afterEach(async () => {
  for (const s of stores) await s.close();
  for (const s of schemas) await s.drop();
  stores = [];
  schemas = [];
});

async function schema(): Promise<TestSchema> {
  const s = await testSchema();
  schemas.push(s);
  return s;
}

async function open(s: TestSchema): Promise<Store> {
  const store = await createPostgresStore(testPostgresOptions(s.url), () => undefined);
  stores.push(store);
  return store;
}

const version = async (s: TestSchema) =>
  (await s.query<{ version: number }>('SELECT version FROM verifier_schema'))[0]?.version;
const tables = async (s: TestSchema) =>
  (
    await s.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1',
      [s.name],
    )
  ).map((t) => t.name);

describe('migrations', () => {
  test('a new schema is migrated to the current version and reported new; the next open changes nothing', async () => {
    const s = await schema();
    expect((await open(s)).fresh).toBe(true);
    expect(await version(s)).toBe(CURRENT);
    expect(await tables(s)).toEqual([
      'authenticators',
      'fallback_codes',
      'fallback_sends',
      'login_throttle',
      'organisations',
      'outbox',
      'pending_enrollments',
      'remember_tokens',
      'sessions',
      'users',
      'verifier_schema',
    ]);
    const again = await open(s);
    expect(again.fresh).toBe(false);
    expect(await version(s)).toBe(CURRENT);
  });

  test('six instances opening one new schema at once: each migration runs once, one instance reports it new', async () => {
    const s = await schema();
    const opened = await Promise.all(Array.from({ length: 6 }, () => open(s)));
    expect(opened.filter((store) => store.fresh)).toHaveLength(1);
    expect(await s.query('SELECT * FROM verifier_schema')).toEqual([{ version: CURRENT }]);
  });

  test('a schema from a newer verifier is refused and left as it was', async () => {
    const s = await schema();
    await s.query('CREATE TABLE verifier_schema (version integer NOT NULL)');
    await s.query('INSERT INTO verifier_schema VALUES ($1)', [CURRENT + 1]);
    await expect(open(s)).rejects.toThrow(SchemaVersionError);
    await expect(open(s)).rejects.toThrow(`database schema version ${CURRENT + 1} is newer`);
    expect(await tables(s)).toEqual(['verifier_schema']);
    expect(await version(s)).toBe(CURRENT + 1);
  });

  test('a server that does not answer: the open fails as "unavailable" within the connect timeout', async () => {
    const started = Date.now();
    const options = { ...testPostgresOptions('postgres://nobody@127.0.0.1:9/none'), connectTimeoutMs: 500 };
    await expect(createPostgresStore(options, () => undefined)).rejects.toThrow(DatabaseUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
