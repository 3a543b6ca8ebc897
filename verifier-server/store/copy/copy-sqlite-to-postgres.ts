import type Database from 'better-sqlite3';
import { migratePostgres } from '../postgres/migrate-postgres';
import { createPostgresDb, type PostgresOptions, type PostgresTx } from '../postgres/postgres-db';
import { checkSourceKey } from './check-source-key';
import { CopyRefusedError } from './copy-refused-error';
import { openSqliteSource } from './open-sqlite-source';

/** Every table of the verifier's schema, parents before children (foreign keys). */
export const COPIED_TABLES = [
  'organisations',
  'users',
  'authenticators',
  'pending_enrollments',
  'sessions',
  'fallback_codes',
  'fallback_sends',
  'remember_tokens',
  'outbox',
  'login_throttle',
  'key_check',
] as const;

export type CopiedTable = (typeof COPIED_TABLES)[number];

/** Rows per INSERT: one JSON parameter each, well inside a statement timeout of a second or two. */
const ROWS_PER_STATEMENT = 500;

export interface CopyOptions {
  /** The SQLite database to copy (read, never changed). */
  readonly sqlitePath: string;
  /** The PostgreSQL database (or schema) to copy into: migrated if new, and it must be empty. */
  readonly postgres: PostgresOptions;
  /** The master key the PostgreSQL verifier will run with: every sealed value must open with it. */
  readonly secretKey: Uint8Array;
  /** Hears about PostgreSQL connections that fail while idle. */
  readonly onError: (error: Error) => void;
}

export interface CopyResult {
  /** Rows copied per table, in COPIED_TABLES' order. */
  readonly rows: ReadonlyArray<readonly [CopiedTable, number]>;
  /** Sealed values checked against the key (TOTP secrets, outbox messages). */
  readonly sealedChecked: number;
}

/** A row as JSON for json_populate_recordset: BLOBs as bytea's hex text; 0/1 read as booleans there. */
function jsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    out[column] = value instanceof Uint8Array ? `\\x${Buffer.from(value).toString('hex')}` : value;
  }
  return out;
}

const sorted = (names: Iterable<string>) => [...names].sort().join(', ');

/** Refuses unless both sides have exactly COPIED_TABLES with the same columns (json_populate_recordset would drop a column silently). */
async function checkSameColumns(source: Database.Database, tx: PostgresTx): Promise<void> {
  const sourceTables = source
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )
    .all()
    .map((t) => t.name);
  const targetTables = (
    await tx.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'verifier_schema'",
    )
  ).map((t) => t.name);
  const expected = sorted(COPIED_TABLES);
  for (const [side, tables] of [
    ['SQLite', sourceTables],
    ['PostgreSQL', targetTables],
  ] as const) {
    if (sorted(tables) !== expected)
      throw new CopyRefusedError(
        'schema',
        `the ${side} database has the tables ${sorted(tables)}, not ${expected}`,
      );
  }
  for (const table of COPIED_TABLES) {
    const sourceColumns = source
      .prepare<[], { name: string }>(`SELECT name FROM pragma_table_info('${table}')`)
      .all()
      .map((c) => c.name);
    const targetColumns = (
      await tx.query<{ name: string }>(
        'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1',
        [table],
      )
    ).map((c) => c.name);
    if (sorted(sourceColumns) !== sorted(targetColumns))
      throw new CopyRefusedError(
        'schema',
        `table ${table} has the columns ${sorted(sourceColumns)} in SQLite but ${sorted(targetColumns)} in PostgreSQL`,
      );
  }
}

/** Refuses unless every table of the target is empty (checked under the copy's table locks). */
async function checkEmpty(tx: PostgresTx): Promise<void> {
  const held: string[] = [];
  for (const table of COPIED_TABLES) {
    const [row] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    if (row && row.n > 0) held.push(`${table} ${row.n}`);
  }
  if (held.length > 0)
    throw new CopyRefusedError(
      'not-empty',
      `the PostgreSQL database already holds data (${held.join(', ')}): copy into a new, empty database or schema`,
    );
}

/**
 * A row the target refused for a constraint the source does not enforce (SQLSTATE class 23), e.g.
 * two names that SQLite's NOCASE tells apart and PostgreSQL's lower() does not ("Émile",
 * "émile"). Only a unique violation's detail is shown (the clashing name); other details print
 * the whole row, hashes and sealed secrets included.
 */
function constraintRefusal(table: CopiedTable, error: unknown): CopyRefusedError | null {
  if (!(error instanceof Error)) return null;
  const { code, constraint, detail } = error as Error & {
    code?: unknown;
    constraint?: unknown;
    detail?: unknown;
  };
  if (typeof code !== 'string' || !code.startsWith('23')) return null;
  const shown = code === '23505' && typeof detail === 'string' ? `: ${detail}` : '';
  return new CopyRefusedError(
    'constraint',
    `PostgreSQL refused a row of ${table} (constraint ${String(constraint ?? code)})${shown}`,
  );
}

async function copyTable(source: Database.Database, tx: PostgresTx, table: CopiedTable): Promise<number> {
  // OVERRIDING SYSTEM VALUE keeps the ids (outbox.id is GENERATED ALWAYS); the rows' columns are
  // matched by name.
  const insert = `INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${table}, $1)`;
  let copied = 0;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await tx.query(insert, [JSON.stringify(batch)]);
    } catch (error) {
      throw constraintRefusal(table, error) ?? error;
    }
    copied += batch.length;
    batch = [];
  };
  for (const row of source.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).iterate()) {
    batch.push(jsonRow(row));
    if (batch.length === ROWS_PER_STATEMENT) await flush();
  }
  await flush();
  const [check] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  if (check?.n !== copied) throw new Error(`${table}: ${copied} rows sent, ${check?.n ?? 0} in PostgreSQL`);
  return copied;
}

/** Identity columns continue after the highest id copied, so the next organisation or user does not collide. */
async function advanceIdentities(tx: PostgresTx): Promise<void> {
  const identities = await tx.query<{ table_name: string; column_name: string }>(
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES'",
  );
  for (const { table_name: table, column_name: column } of identities) {
    await tx.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce(max(${column}), 0) + 1, false) FROM ${table}`,
      [table, column],
    );
  }
}

/**
 * Copies a verifier's SQLite database into an empty PostgreSQL database, for a practice that
 * grows from one verifier to several (docs/verifier.md, "Moving from SQLite to PostgreSQL").
 * Everything is copied as it is: sealed secrets (so the key must be the same, and is checked),
 * password hashes, each authenticator's last accepted step (a code used before the move stays
 * used), sessions, remember-browser tokens, fallback codes, throttles and locks, the outbox.
 * All of it in one PostgreSQL transaction with the tables locked: either everything is copied
 * or nothing. The SQLite file is only read, from one snapshot.
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const source = openSqliteSource(options.sqlitePath);
  try {
    const sealedChecked = checkSourceKey(source, options.secretKey);
    const db = createPostgresDb(options.postgres, options.onError);
    try {
      await migratePostgres(db);
      const rows = await db.transaction(async (tx) => {
        // Writers wait (another copy, a verifier already started on it); readers do not.
        await tx.query(`LOCK TABLE ${COPIED_TABLES.join(', ')} IN EXCLUSIVE MODE`);
        await checkEmpty(tx);
        await checkSameColumns(source, tx);
        const copied: Array<readonly [CopiedTable, number]> = [];
        for (const table of COPIED_TABLES) copied.push([table, await copyTable(source, tx, table)]);
        await advanceIdentities(tx);
        return copied;
      });
      return { rows, sealedChecked };
    } finally {
      await db.close();
    }
  } finally {
    source.close();
  }
}
