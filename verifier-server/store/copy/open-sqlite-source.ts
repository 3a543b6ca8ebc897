import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { errorCode } from '../../error-code';
import { SQLITE_MIGRATIONS } from '../sqlite/sqlite-migrations';
import { COPIED_TABLES, type CopiedTable, tableList } from './copied-tables';
import { CopyRefusedError } from './copy-refused-error';

export interface SqliteSource {
  readonly db: Database.Database;
  /** Each table's columns, as SQLite has them. */
  readonly columns: ReadonlyMap<CopiedTable, readonly string[]>;
  /** The copy holds the file's exclusive lock; false for a write-protected file, read without a lock. */
  readonly locked: boolean;
}

function refuseVersion(path: string, version: number): void {
  const current = SQLITE_MIGRATIONS.length;
  if (version === 0)
    throw new CopyRefusedError('source', `${path} is not a verifier database (it has no schema version)`);
  if (version > current)
    throw new CopyRefusedError(
      'source',
      `${path} is from a newer verifier (schema version ${version}; this one knows ${current})`,
    );
  if (version < current)
    throw new CopyRefusedError(
      'source',
      `${path} is from an older verifier (schema version ${version} of ${current}): start the verifier on it once, without DATABASE_URL, to bring it up to date, then copy`,
    );
}

function columnsOf(db: Database.Database, path: string): Map<CopiedTable, readonly string[]> {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .all()
    .map((t) => t.name);
  if (tableList(tables) !== tableList(COPIED_TABLES))
    throw new CopyRefusedError(
      'source',
      `${path} is not a verifier database of this version: it has the tables ${tableList(tables)}, not ${tableList(COPIED_TABLES)}`,
    );
  const columns = new Map<CopiedTable, readonly string[]>();
  for (const table of COPIED_TABLES) {
    columns.set(
      table,
      db
        .prepare<[string], { name: string }>('SELECT name FROM pragma_table_info(?)')
        .all(table)
        .map((c) => c.name),
    );
  }
  return columns;
}

/**
 * Takes the file for the copy alone, until the copy closes it: an EXCLUSIVE lock (locking_mode
 * EXCLUSIVE keeps it past the transaction). In WAL mode every open connection holds a shared lock
 * on the file for as long as it is open, idle or not, so a verifier still running on the file
 * makes this fail (after a second, for a passing reader such as a backup), and a verifier started
 * during the copy cannot read or write it. Without this, a verifier left running would go on
 * accepting logins and using codes that never reach PostgreSQL. The connection then refuses every
 * write (query_only): the copy only reads. A write-protected file gets a read transaction instead,
 * which still reads every table from one snapshot.
 */
function takeAlone(db: Database.Database, path: string): boolean {
  if (db.readonly) {
    db.exec('BEGIN');
    return false;
  }
  db.pragma('busy_timeout = 1000');
  db.pragma('locking_mode = EXCLUSIVE');
  try {
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    if (errorCode(error) === 'SQLITE_BUSY')
      throw new CopyRefusedError(
        'busy',
        `${path} is in use by another program, most likely a verifier still running on it: stop every verifier on it (\`npm start\` too), then copy again`,
      );
    throw error;
  }
  db.pragma('query_only = ON');
  return true;
}

/**
 * Opens a verifier's SQLite database to read it, never to change its data: the file must exist,
 * its schema must be this verifier's, table for table (an older one is upgraded by starting the
 * verifier on it, not by a copy), and no other program may have it open (takeAlone). Integers are
 * read exactly (BigInt). The file stays locked, and every table is read from one state of it,
 * until the database is closed.
 */
export function openSqliteSource(path: string): SqliteSource {
  if (path === '' || path === ':memory:')
    throw new CopyRefusedError('source', 'an in-memory database cannot be copied');
  if (!existsSync(path)) throw new CopyRefusedError('source', `there is no SQLite database at ${path}`);
  if (!statSync(path).isFile()) throw new CopyRefusedError('source', `${path} is not a file`);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { fileMustExist: true });
    db.defaultSafeIntegers(true);
    const locked = takeAlone(db, path);
    refuseVersion(path, Number(db.pragma('user_version', { simple: true })));
    return { db, columns: columnsOf(db, path), locked };
  } catch (error) {
    db?.close();
    if (error instanceof CopyRefusedError) throw error;
    if (errorCode(error) === 'SQLITE_NOTADB')
      throw new CopyRefusedError('source', `${path} is not a SQLite database`);
    throw error;
  }
}
