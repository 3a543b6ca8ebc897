import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

/**
 * Opens the database in WAL mode (several processes may share the file) and applies
 * pending migrations in one transaction each. Refuses a database from a newer version.
 */
export function openSqlite(path: string): Database.Database {
  const db = new Database(path);
  // A second process holding the write lock makes us wait, not fail with SQLITE_BUSY.
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > SQLITE_MIGRATIONS.length) {
    // Refused before anything is written: WAL mode would be stored in the newer file.
    db.close();
    throw new SchemaVersionError(
      `database schema version ${current} is newer than this verifier supports (${SQLITE_MIGRATIONS.length})`,
    );
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    const sql = SQLITE_MIGRATIONS[version] as string;
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return db;
}
