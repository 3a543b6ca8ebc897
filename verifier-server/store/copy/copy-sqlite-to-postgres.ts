import type Database from 'better-sqlite3';
import { errorCode } from '../../error-code';
import { isDatabaseUnavailable } from '../database-unavailable';
import { createSchemaIn, MIGRATION_LOCK } from '../postgres/migrate-postgres';
import { createPostgresDb, type PostgresOptions, type PostgresTx } from '../postgres/postgres-db';
import { POSTGRES_MIGRATIONS } from '../postgres/postgres-migrations';
import { checkSourceKey } from './check-source-key';
import { COPIED_TABLES, type CopiedTable, tableList } from './copied-tables';
import { CopyRefusedError } from './copy-refused-error';
import { openSqliteSource, type SqliteSource } from './open-sqlite-source';
import { toTargetValue } from './to-target-value';

export { COPIED_TABLES, type CopiedTable };

/** Rows per INSERT: one JSON parameter each, well inside a statement timeout of a second or two. */
const ROWS_PER_STATEMENT = 500;

export interface CopyOptions {
  /** The SQLite database to copy (its data read, never changed). */
  readonly sqlitePath: string;
  /** The PostgreSQL database (or schema) to copy into: without tables, or an empty verifier schema. */
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
  /** Whether the SQLite file was locked during the copy (not when write-protected). */
  readonly sourceLocked: boolean;
}

/**
 * Makes the target ready inside the copy's transaction, or refuses it: a schema without tables
 * gets the whole current schema (created in this transaction, so a refused or failed copy leaves
 * none of it); a verifier schema of this version must be empty, its tables locked against writers
 * (another copy, a verifier already running on it). Anything else (other tables, another version)
 * is refused untouched.
 */
async function prepareTarget(tx: PostgresTx): Promise<void> {
  const [schema] = await tx.query<{ name: string | null; locked: boolean }>(
    'SELECT current_schema() AS name, pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS locked',
    [MIGRATION_LOCK],
  );
  if (!schema?.name)
    throw new CopyRefusedError('not-empty', "DATABASE_URL's search_path names no schema that exists");
  if (!schema.locked)
    throw new CopyRefusedError(
      'busy',
      'another copy, or a verifier starting, is working on this PostgreSQL schema',
    );
  const tables = (
    await tx.query<{ name: string }>(
      'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
    )
  ).map((t) => t.name);
  if (tables.length === 0) {
    await createSchemaIn(tx);
    return;
  }
  const verifier = new Set<string>([...COPIED_TABLES, 'verifier_schema']);
  const others = tables.filter((t) => !verifier.has(t));
  if (others.length > 0 || !tables.includes('verifier_schema'))
    throw new CopyRefusedError(
      'not-empty',
      `the PostgreSQL schema ${schema.name} holds tables of something else (${tableList(others.length > 0 ? others : tables)}): copy into a new, empty database or schema`,
    );
  const [row] = await tx.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM verifier_schema',
  );
  if (row?.version !== POSTGRES_MIGRATIONS.length)
    throw new CopyRefusedError(
      'not-empty',
      `the PostgreSQL schema ${schema.name} holds a verifier database of schema version ${row?.version ?? 'none'} (this verifier's is ${POSTGRES_MIGRATIONS.length}): copy into a new, empty database or schema`,
    );
  try {
    await tx.query(`LOCK TABLE ${COPIED_TABLES.join(', ')} IN EXCLUSIVE MODE NOWAIT`);
  } catch (error) {
    if (errorCode(error) === '55P03')
      throw new CopyRefusedError(
        'busy',
        'a verifier, or another copy, is writing to this PostgreSQL database',
      );
    throw error;
  }
  const held: string[] = [];
  for (const table of COPIED_TABLES) {
    const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    if (count && count.n > 0) held.push(`${table} ${count.n}`);
  }
  if (held.length > 0)
    throw new CopyRefusedError(
      'not-empty',
      `the PostgreSQL database already holds data (${held.join(', ')}): copy into a new, empty database or schema`,
    );
}

/** Each table's columns and their types in the target; refuses unless they are the source's columns. */
async function targetColumns(
  tx: PostgresTx,
  source: SqliteSource,
): Promise<Map<CopiedTable, ReadonlyMap<string, string>>> {
  const rows = await tx.query<{ table_name: string; column_name: string; data_type: string }>(
    'SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema()',
  );
  const types = new Map<CopiedTable, ReadonlyMap<string, string>>();
  for (const table of COPIED_TABLES) {
    const columns = new Map(
      rows.filter((r) => r.table_name === table).map((r) => [r.column_name, r.data_type] as const),
    );
    const sourceColumns = source.columns.get(table) ?? [];
    if (tableList(sourceColumns) !== tableList(columns.keys()))
      throw new CopyRefusedError(
        'schema',
        `table ${table} has the columns ${tableList(sourceColumns)} in SQLite but ${tableList(columns.keys())} in PostgreSQL`,
      );
    types.set(table, columns);
  }
  return types;
}

/**
 * A row the target refused. A constraint the source does not enforce (SQLSTATE class 23), e.g.
 * two names that SQLite's NOCASE tells apart and PostgreSQL's lower() does not ("Émile", "émile"):
 * only a unique violation's detail is shown (the clashing name); other details print the whole
 * row, hashes and sealed secrets included. Any other refusal: its message, unless it quotes a
 * value.
 */
function rowRefusal(table: CopiedTable, error: unknown): CopyRefusedError | null {
  if (!(error instanceof Error) || isDatabaseUnavailable(error) || error instanceof CopyRefusedError)
    return null;
  const { constraint, detail } = error as Error & { constraint?: unknown; detail?: unknown };
  const sqlstate = errorCode(error);
  if (sqlstate.startsWith('23')) {
    const shown = sqlstate === '23505' && typeof detail === 'string' ? `: ${detail}` : '';
    return new CopyRefusedError(
      'constraint',
      `PostgreSQL refused a row of ${table} (constraint ${String(constraint ?? sqlstate)})${shown}`,
    );
  }
  // Some messages quote the value they refused ('invalid input syntax … "x"'): then only the code.
  const shown = error.message.includes('"') ? `SQLSTATE ${sqlstate || 'unknown'}` : error.message;
  return new CopyRefusedError('constraint', `PostgreSQL refused a row of ${table}: ${shown}`);
}

async function copyTable(
  source: Database.Database,
  tx: PostgresTx,
  table: CopiedTable,
  types: ReadonlyMap<string, string>,
): Promise<number> {
  // OVERRIDING SYSTEM VALUE keeps the ids (outbox.id is GENERATED ALWAYS); columns are matched by name.
  const insert = `INSERT INTO ${table} OVERRIDING SYSTEM VALUE SELECT * FROM json_populate_recordset(NULL::${table}, $1)`;
  let copied = 0;
  let batch: Record<string, unknown>[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    try {
      await tx.query(insert, [JSON.stringify(batch)]);
    } catch (error) {
      throw rowRefusal(table, error) ?? error;
    }
    copied += batch.length;
    batch = [];
  };
  const rows = source
    .prepare<[], Record<string, unknown>>(`SELECT rowid AS "rowid:", * FROM ${table}`)
    .iterate();
  for (const { 'rowid:': rowid, ...row } of rows) {
    const json: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      json[column] = toTargetValue(
        value,
        types.get(column) ?? '',
        () => `${table}.${column} of row ${rowid}`,
      );
    }
    batch.push(json);
    if (batch.length === ROWS_PER_STATEMENT) await flush();
  }
  await flush();
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
 * Copies a verifier's SQLite database into PostgreSQL, for a practice that grows from one
 * verifier to several (docs/verifier.md, "Moving from SQLite to PostgreSQL"). Everything is copied
 * as it is: sealed secrets (so the key must be the same, and is checked), password hashes, each
 * authenticator's last accepted step (a code used before the move stays used), sessions,
 * remember-browser tokens, fallback codes, throttles and locks, the outbox, and the key check.
 * One PostgreSQL transaction creates the schema (or finds an empty one) and fills it: either
 * everything is copied or nothing, and a refused target is left as it was. The SQLite file is
 * taken alone for the copy, and only read (open-sqlite-source.ts).
 */
export async function copySqliteToPostgres(options: CopyOptions): Promise<CopyResult> {
  const source = openSqliteSource(options.sqlitePath);
  try {
    const sealedChecked = checkSourceKey(source.db, options.secretKey);
    const db = createPostgresDb(options.postgres, options.onError);
    try {
      const rows = await db.transaction(async (tx) => {
        await prepareTarget(tx);
        const types = await targetColumns(tx, source);
        const copied: Array<readonly [CopiedTable, number]> = [];
        for (const table of COPIED_TABLES) {
          copied.push([table, await copyTable(source.db, tx, table, types.get(table) ?? new Map())]);
        }
        await advanceIdentities(tx);
        return copied;
      });
      return { rows, sealedChecked, sourceLocked: source.locked };
    } finally {
      await db.close();
    }
  } finally {
    source.db.close();
  }
}
