import pg from 'pg';
import { afterEach, describe, expect, test } from 'vitest';
import { DatabaseUnavailableError } from '../../../../../verifier-server/store/database-unavailable';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import {
  MIGRATION_LOCK,
  MigrationBusyError,
  migratePostgres,
} from '../../../../../verifier-server/store/postgres/migrate-postgres';
import { createPostgresDb } from '../../../../../verifier-server/store/postgres/postgres-db';
import { POSTGRES_MIGRATIONS } from '../../../../../verifier-server/store/postgres/postgres-migrations';
import { SchemaVersionError } from '../../../../../verifier-server/store/schema-version-error';
import type { Store } from '../../../../../verifier-server/store/store';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';
import { expectSelectorMigration } from '../selector-migration-checks';

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
      'key_check',
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

  /** A connection in a transaction that holds the schema's migration lock, as copy-to-postgres does. */
  async function holdSchema(s: TestSchema): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: s.url });
    await client.connect();
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [MIGRATION_LOCK]);
    return client;
  }

  test('a start while a copy holds the schema waits past the statement timeout, then opens', async () => {
    const s = await schema();
    const copy = await holdSchema(s);
    try {
      let opened = false;
      const opening = open(s).then((store) => {
        opened = true;
        return store;
      });
      // Longer than every statement may take (2 s): a lock waited for inside one would have failed.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(opened).toBe(false);
      await copy.query('COMMIT');
      expect((await opening).fresh).toBe(true);
      expect(await version(s)).toBe(CURRENT);
    } finally {
      await copy.end();
    }
  });

  test('a copy that holds the schema too long: the start is refused, saying so, and changes nothing', async () => {
    const s = await schema();
    const copy = await holdSchema(s);
    const db = createPostgresDb(testPostgresOptions(s.url), () => undefined);
    try {
      const refused = migratePostgres(db, 1_000);
      await expect(refused).rejects.toThrow(MigrationBusyError);
      await expect(refused).rejects.toThrow(/copy-to-postgres.*start the verifier again/);
      expect(await tables(s)).toEqual([]);
    } finally {
      await db.close();
      await copy.end();
    }
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

  test('version 2 from version 1: users and authenticators stay; sessions end with their fallback codes and pending enrollments', async () => {
    const s = await schema();
    await s.query('CREATE TABLE verifier_schema (version integer NOT NULL)');
    await s.query(POSTGRES_MIGRATIONS[0] ?? '');
    await s.query(`
      INSERT INTO verifier_schema VALUES (1);
      INSERT INTO organisations (id, name, require_2fa) VALUES (1, 'Praktijk', true);
      INSERT INTO users (id, organisation_id, username, email, password_hash) VALUES (1, 1, 'anna', 'a@p.example', 'x');
      INSERT INTO authenticators (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at)
        VALUES ('a1', 1, 'Chrome plugin balie', '\\x00', 'SHA1', 6, 30, 5, 0);
      INSERT INTO sessions (id_hash, user_id, stage, created_at, expires_at, auth_time) VALUES ('old', 1, 'full', 0, 2e9, 0);
      INSERT INTO fallback_codes (session_hash, channel, code_hash, expires_at) VALUES ('old', 'email', 'h', 2e9);
      INSERT INTO pending_enrollments
          (session_hash, user_id, authenticator_id, name, secret_sealed, algorithm, digits, period, expires_at)
        VALUES ('old', 1, 'a2', 'Tweede', '\\x00', 'SHA1', 6, 30, 2e9);
    `);

    const store = await open(s);
    expect(store.fresh).toBe(false);
    expect(await version(s)).toBe(CURRENT);
    await expectSelectorMigration(store);
    expect(await s.query('SELECT selector, validator_hash FROM sessions')).toEqual([
      { selector: 'sel', validator_hash: 'val' },
    ]);
  });

  test('version 3: authenticators, updated at every accepted code, keep a fifth of each page free for those updates', async () => {
    const s = await schema();
    await open(s);
    const options = await s.query<{ table: string; options: string[] | null }>(
      `SELECT c.relname AS table, c.reloptions AS options FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relname IN ('authenticators', 'sessions') ORDER BY 1`,
      [s.name],
    );
    expect(options).toEqual([
      { table: 'authenticators', options: ['fillfactor=80'] },
      { table: 'sessions', options: ['fillfactor=75'] },
    ]);
  });

  test('version 5 from version 4: the fallback sends stay; they name no client and count for the account only (SECURITY #19)', async () => {
    const s = await schema();
    await s.query('CREATE TABLE verifier_schema (version integer NOT NULL)');
    for (const migration of POSTGRES_MIGRATIONS.slice(0, 4)) await s.query(migration);
    await s.query(`
      INSERT INTO verifier_schema VALUES (4);
      INSERT INTO organisations (id, name, require_2fa) VALUES (1, 'Praktijk', true);
      INSERT INTO users (id, organisation_id, username, email, password_hash) VALUES (1, 1, 'anna', 'a@p.example', 'x');
      INSERT INTO fallback_sends (user_id, sent_at) VALUES (1, 1800000000), (1, 1800000060);
    `);

    const store = await open(s);
    expect(store.fresh).toBe(false);
    expect(await version(s)).toBe(CURRENT);
    expect(await store.listFallbackSends(1, 0)).toEqual([
      { sentAt: 1800000000, client: '' },
      { sentAt: 1800000060, client: '' },
    ]);
    const limits = { since: 1800000100 - 3600, perClient: 1, perAccount: 3 };
    expect(await store.recordFallbackSend(1, { sentAt: 1800000100, client: 'a' }, limits)).toBe(true);
    expect(await store.recordFallbackSend(1, { sentAt: 1800000101, client: 'b' }, limits)).toBe(false);
  });

  test('a server that does not answer: the open fails as "unavailable" within the connect timeout', async () => {
    const started = Date.now();
    const options = { ...testPostgresOptions('postgres://nobody@127.0.0.1:9/none'), connectTimeoutMs: 500 };
    await expect(createPostgresStore(options, () => undefined)).rejects.toThrow(DatabaseUnavailableError);
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
