import type Database from 'better-sqlite3';

/** One database handle and one statement cache, shared by every table group's module. */
export interface SqliteDb {
  readonly db: Database.Database;
  /** Prepares `sql` once and reuses it (better-sqlite3 does not cache statements itself). */
  statement<Row = unknown>(sql: string): Database.Statement<unknown[], Row>;
}

export function sqliteDb(db: Database.Database): SqliteDb {
  const prepared = new Map<string, Database.Statement<unknown[], unknown>>();
  return {
    db,
    statement<Row>(sql: string) {
      let statement = prepared.get(sql);
      if (statement === undefined) {
        statement = db.prepare<unknown[], unknown>(sql);
        prepared.set(sql, statement);
      }
      return statement as Database.Statement<unknown[], Row>;
    },
  };
}
