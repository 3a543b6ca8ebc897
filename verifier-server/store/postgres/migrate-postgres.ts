import { SchemaVersionError } from '../schema-version-error';
import type { PostgresDb, PostgresTx } from './postgres-db';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';

/** Advisory lock class 'veri'; the object is the schema, so schemas on one server migrate independently. */
export const MIGRATION_LOCK = 0x76657269;

/**
 * How long an open waits for the migration lock while someone else holds it: another instance's
 * migration (seconds at most), or `copy-to-postgres` filling this schema in one transaction (as
 * long as the copy takes). Then the start is refused with MigrationBusyError, which says why.
 */
export const MIGRATION_WAIT_MS = 60_000;
const RETRY_MS = 250;

/** The migration lock stayed taken for MIGRATION_WAIT_MS: a copy into this schema, most likely. */
export class MigrationBusyError extends Error {
  override name = 'MigrationBusyError';
}

/**
 * Applies pending migrations, each in its own transaction under a transaction-level advisory
 * lock, re-reading the version under the lock: instances that start at once (VERIFIER_WORKERS,
 * several hosts) apply each migration exactly once, and only the one that created the schema
 * reports the database as new (the demo seed needs that). A schema newer than this code is
 * refused with SchemaVersionError, and the transaction that found it changes nothing. The lock is
 * tried, not waited for inside a statement (every statement has a 2 s timeout): a start during a
 * long copy waits up to `waitMs`, then says what holds the schema.
 */
export async function migratePostgres(
  db: PostgresDb,
  waitMs = MIGRATION_WAIT_MS,
): Promise<{ readonly fresh: boolean }> {
  const deadline = Date.now() + waitMs;
  let created = false;
  for (;;) {
    const step = await db.transaction(async (tx) => {
      const [lock] = await tx.query<{ got: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS got',
        [MIGRATION_LOCK],
      );
      if (!lock?.got) {
        await tx.rollback();
        return 'busy';
      }
      await tx.exec('CREATE TABLE IF NOT EXISTS verifier_schema (version integer NOT NULL)');
      const [row] = await tx.query<{ version: number }>(
        'SELECT max(version) AS version FROM verifier_schema',
      );
      const version = row?.version ?? 0;
      if (version > POSTGRES_MIGRATIONS.length) {
        throw new SchemaVersionError(
          `database schema version ${version} is newer than this verifier supports (${POSTGRES_MIGRATIONS.length})`,
        );
      }
      if (version === POSTGRES_MIGRATIONS.length) return 'done';
      await tx.exec(POSTGRES_MIGRATIONS[version] as string);
      await tx.query('DELETE FROM verifier_schema');
      await tx.query('INSERT INTO verifier_schema (version) VALUES ($1)', [version + 1]);
      if (version === 0) created = true;
      return 'migrated';
    });
    if (step === 'done') return { fresh: created };
    if (step === 'busy') {
      if (Date.now() >= deadline) {
        throw new MigrationBusyError(
          `this PostgreSQL schema stayed locked for ${Math.round(waitMs / 1000)} s by another process preparing it (most likely copy-to-postgres filling it); start the verifier again when that has finished`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
    }
  }
}

/**
 * Creates the whole current schema inside the caller's transaction, which must hold the migration
 * lock and have found the schema without tables: nothing of it exists unless that transaction
 * commits (store/copy/copy-sqlite-to-postgres.ts migrates and fills in one transaction).
 */
export async function createSchemaIn(tx: PostgresTx): Promise<void> {
  await tx.exec('CREATE TABLE verifier_schema (version integer NOT NULL)');
  for (const migration of POSTGRES_MIGRATIONS) await tx.exec(migration);
  await tx.query('INSERT INTO verifier_schema (version) VALUES ($1)', [POSTGRES_MIGRATIONS.length]);
}
