import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { SQLITE_MIGRATIONS } from '../sqlite/sqlite-migrations';
import { CopyRefusedError } from './copy-refused-error';

/**
 * Opens a verifier's SQLite database to read it, never to change it: read-only, the file must
 * exist, its schema must be this verifier's (an older one is upgraded by starting the verifier
 * on it, not by a copy). A read transaction is open when it returns, so every table is read from
 * one snapshot even if a process still writes the file; close() ends it.
 */
export function openSqliteSource(path: string): Database.Database {
  if (path === '' || path === ':memory:')
    throw new CopyRefusedError('source', 'an in-memory database cannot be copied');
  if (!existsSync(path)) throw new CopyRefusedError('source', `there is no SQLite database at ${path}`);
  let db: Database.Database | null = null;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
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
    db.exec('BEGIN');
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof CopyRefusedError) throw error;
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    if (code === 'SQLITE_NOTADB') throw new CopyRefusedError('source', `${path} is not a SQLite database`);
    throw error;
  }
}
