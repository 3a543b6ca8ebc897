import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from '../sqlite/sqlite-migrations';
import { COPIED_TABLES, type CopiedTable, tableList } from './copied-tables';
import { CopyRefusedError } from './copy-refused-error';

export interface SqliteSource {
  readonly db: Database.Database;
  /** Each table's columns, as SQLite has them. */
  readonly columns: ReadonlyMap<CopiedTable, readonly string[]>;
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
 * Opens a verifier's SQLite database to read it, never to change it: read-only, the file must
 * exist, its schema must be this verifier's, table for table (an older one is upgraded by
 * starting the verifier on it, not by a copy). Integers are read exactly (BigInt). A read
 * transaction is open when it returns, so every table is read from one snapshot even if a process
 * still writes the file; closing the database ends it.
 */
export function openSqliteSource(path: string): SqliteSource {
  if (path === '' || path === ':memory:')
    throw new CopyRefusedError('source', 'an in-memory database cannot be copied');
  if (!existsSync(path)) throw new CopyRefusedError('source', `there is no SQLite database at ${path}`);
  if (!statSync(path).isFile()) throw new CopyRefusedError('source', `${path} is not a file`);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    db.defaultSafeIntegers(true);
    refuseVersion(path, Number(db.pragma('user_version', { simple: true })));
    db.exec('BEGIN');
    return { db, columns: columnsOf(db, path) };
  } catch (error) {
    db?.close();
    if (error instanceof CopyRefusedError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'SQLITE_NOTADB') throw new CopyRefusedError('source', `${path} is not a SQLite database`);
    throw error;
  }
}
