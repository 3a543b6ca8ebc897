import { SchemaVersionError } from '../schema-version-error';
import type { PostgresDb, PostgresTx } from './postgres-db';
import { POSTGRES_MIGRATIONS } from './postgres-migrations';

/** Advisory lock class 'veri'; the object is the schema, so schemas on one server migrate independently. */
export const MIGRATION_LOCK = 0x76657269;

/**
 * Applies pending migrations, each in its own transaction under a transaction-level advisory
 * lock, re-reading the version under the lock: instances that start at once (VERIFIER_WORKERS,
 * several hosts) apply each migration exactly once, and only the one that created the schema
 * reports the database as new (the demo seed needs that). A schema newer than this code is
 * refused with SchemaVersionError, and the transaction that found it changes nothing.
 */
export async function migratePostgres(db: PostgresDb): Promise<{ readonly fresh: boolean }> {
  let created = false;
  for (;;) {
    const finished = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [MIGRATION_LOCK]);
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
      if (version === POSTGRES_MIGRATIONS.length) return true;
      await tx.exec(POSTGRES_MIGRATIONS[version] as string);
      await tx.query('DELETE FROM verifier_schema');
      await tx.query('INSERT INTO verifier_schema (version) VALUES ($1)', [version + 1]);
      if (version === 0) created = true;
      return false;
    });
    if (finished) return { fresh: created };
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
