import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { PostgresOptions } from '../../verifier-server/store/postgres/postgres-db';
import { TEST_STORE, testPostgresOptions, testSchema } from './verifier-test-store';

/**
 * A database of the project's kind that outlives one store: a SQLite file in a fresh directory,
 * or a fresh schema on the run's PostgreSQL. Tests look into it from beside the verifier (another
 * connection), as an operator or an attacker with a copy of the data would, and point server
 * processes at it.
 */
export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** What VerifierConfig needs: `databasePath` for SQLite, `postgres` for PostgreSQL. */
  readonly config: { readonly databasePath: string } | { readonly postgres: PostgresOptions };
  /** The environment that points server.ts at it (VERIFIER_DB or DATABASE_URL). */
  readonly env: Readonly<Record<string, string>>;
  /** SQL with `$1`, `$2` … parameters, on a connection of its own. */
  query<Row = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /**
   * Whether the stored data holds `needle` anywhere: the SQLite files (database and WAL) byte for
   * byte, or every row of every table of the schema as PostgreSQL prints it (bytea in hex).
   */
  contains(needle: Uint8Array | string): Promise<boolean>;
  remove(): Promise<void>;
}

function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'verifier-test-db-'));
  const path = join(dir, 'verifier.db');
  return {
    kind: 'sqlite',
    config: { databasePath: path },
    env: { VERIFIER_DB: path },
    async query<Row>(text: string, values: readonly unknown[] = []) {
      const db = new Database(path, { fileMustExist: true });
      try {
        const statement = db.prepare(text.replace(/\$\d+/g, '?'));
        if (statement.reader) return statement.all(...values) as Row[];
        statement.run(...values);
        return [];
      } finally {
        db.close();
      }
    },
    async contains(needle) {
      const bytes = typeof needle === 'string' ? Buffer.from(needle) : Buffer.from(needle);
      return [path, `${path}-wal`].some((file) => {
        try {
          return readFileSync(file).includes(bytes);
        } catch {
          return false;
        }
      });
    },
    async remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function postgresDatabase(): Promise<TestDatabase> {
  const schema = await testSchema();
  return {
    kind: 'postgres',
    config: { postgres: testPostgresOptions(schema.url) },
    env: { DATABASE_URL: schema.url },
    query: (text, values) => schema.query(text, values),
    async contains(needle) {
      const tables = await schema.query<{ name: string }>(
        'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1',
        [schema.name],
      );
      const dump: string[] = [];
      for (const { name } of tables) {
        const rows = await schema.query<{ row: string }>(`SELECT t::text AS row FROM "${name}" t`);
        dump.push(...rows.map((r) => r.row));
      }
      const text = dump.join('\n');
      return text.includes(typeof needle === 'string' ? needle : Buffer.from(needle).toString('hex'));
    },
    remove: () => schema.drop(),
  };
}

export function createTestDatabase(): Promise<TestDatabase> {
  return TEST_STORE === 'postgres' ? postgresDatabase() : Promise.resolve(sqliteDatabase());
}
