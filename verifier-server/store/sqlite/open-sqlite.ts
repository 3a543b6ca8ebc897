import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertPrivateDirectory,
  assertPrivateFiles,
  createPrivateFile,
  ensurePrivateDirectory,
} from '../../fs/private-file';
import { SchemaVersionError } from '../schema-version-error';
import { SQLITE_MIGRATIONS } from './sqlite-migrations';

export { SchemaVersionError };

export interface OpenedSqlite {
  readonly db: Database.Database;
  /** The schema was created by this open (the file was new or empty). */
  readonly fresh: boolean;
}

/** The database and the two files SQLite keeps beside it in WAL mode. */
const databaseFiles = (path: string) => [path, `${path}-wal`, `${path}-shm`];

/**
 * Opens the database in WAL mode (several processes may share the file) and applies pending
 * migrations in one transaction each. Refuses a database from a newer version, and files that
 * others may read (SECURITY #28): a new database is created 0600 in a 0700 directory, and SQLite
 * gives its -wal and -shm files the database file's mode.
 */
export function openSqlite(path: string): OpenedSqlite {
  const onDisk = path !== ':memory:' && path !== '';
  if (onDisk) {
    ensurePrivateDirectory(dirname(path));
    assertPrivateDirectory(dirname(path), 'database directory');
    createPrivateFile(path);
    assertPrivateFiles(databaseFiles(path), 'database file');
  }
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
  // Processes sharing the file (VERIFIER_WORKERS) drop their page cache whenever another one
  // wrote; pages read through a mapping instead of pread() make that reload cheap.
  db.pragma('mmap_size = 268435456');
  // Several processes may start at once (VERIFIER_WORKERS, two hosts on one file): each migration
  // re-reads the version under the write lock, so it runs exactly once, and only the process that
  // created the schema reports the database as new.
  let created = false;
  for (let version = current; version < SQLITE_MIGRATIONS.length; version++) {
    const sql = SQLITE_MIGRATIONS[version] as string;
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) !== version) return;
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
      if (version === 0) created = true;
    }).immediate();
  }
  if (onDisk) assertPrivateFiles(databaseFiles(path), 'database file');
  return { db, fresh: created };
}
