import pg from 'pg';
import { rethrowPostgresError } from './postgres-errors';

/** How the verifier talks to PostgreSQL (VerifierConfig.postgres; server.ts reads the environment). */
export interface PostgresOptions {
  /** postgres://user:password@host:port/database (libpq parameters such as `options` pass through). */
  readonly url: string;
  /** Connections per process. */
  readonly poolSize: number;
  /** Longest wait for a connection, new or from a full pool; then the request is answered 503. */
  readonly connectTimeoutMs: number;
  /** Every statement is cancelled by the server after this long (`statement_timeout`). */
  readonly statementTimeoutMs: number;
}

export const DEFAULT_POSTGRES = Object.freeze({
  poolSize: 10,
  connectTimeoutMs: 2_000,
  statementTimeoutMs: 2_000,
});

export interface PostgresTx {
  query<Row>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /** A script of several statements without parameters (a migration). */
  exec(script: string): Promise<void>;
  /** The transaction's last statement and its COMMIT, sent together: one round trip. */
  commitWith<Row>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /**
   * Ends the transaction keeping nothing (a decision, not an error). `query` still works after it,
   * on the same connection, each statement on its own: never ask the pool for a second connection
   * while holding this one (a full pool would wait for itself).
   */
  rollback(): Promise<void>;
}

export interface PostgresDb {
  /** One statement on any pooled connection (a transaction of its own). */
  query<Row>(text: string, values?: readonly unknown[]): Promise<Row[]>;
  /**
   * Runs `work` in one transaction on one connection and commits, unless it threw (then nothing is
   * kept) or ended the transaction itself. BEGIN travels with the first statement (pipeline mode).
   */
  transaction<T>(work: (tx: PostgresTx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

const INT8 = 20;
/** bigint columns hold Unix times, steps and counts, all far below 2^53: read them as numbers. */
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as never,
};

/**
 * A connection pool with every bound the fault requirements need: a connection (new or from the
 * pool) within `connectTimeoutMs`, a server-side `statement_timeout` on every statement, a
 * client-side read timeout a little longer (a server that stopped answering), and no transaction
 * left open by a stalled process. Errors on idle or checked-out connections (a restarted server)
 * are reported to `onError` instead of crashing the process; the broken connection is dropped.
 */
export function createPostgresDb(options: PostgresOptions, onError: (error: Error) => void): PostgresDb {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize,
    connectionTimeoutMillis: options.connectTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + 1_000,
    idle_in_transaction_session_timeout: 10_000,
    application_name: 'verifier',
    pipeline: true,
    types,
  });
  // An idle connection that fails (a restarted server) is reported here and dropped by the pool.
  pool.on('error', onError);
  // A checked-out connection that fails between two statements would otherwise throw from an
  // 'error' event nobody listens to; its next statement fails and is answered 503 instead.
  pool.on('connect', (client) => client.on('error', () => undefined));

  // Named statements are parsed and planned once per connection.
  const names = new Map<string, string>();
  const named = (text: string, values: readonly unknown[] | undefined): pg.QueryConfig => {
    let name = names.get(text);
    if (name === undefined) {
      name = `v${names.size + 1}`;
      names.set(text, name);
    }
    return { name, text, values: values === undefined ? [] : [...values] };
  };

  return {
    async query<Row>(text: string, values?: readonly unknown[]) {
      try {
        return (await pool.query(named(text, values))).rows as Row[];
      } catch (error) {
        return rethrowPostgresError(error);
      }
    },

    async transaction<T>(work: (tx: PostgresTx) => Promise<T>): Promise<T> {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        return rethrowPostgresError(error);
      }
      // What one tick sends (BEGIN and the first statements; the last one and COMMIT) leaves in
      // one write: pg corks each statement's messages, not a pipeline of several.
      const { stream } = client.connection;
      let corked = false;
      const send = <T>(query: () => T): T => {
        if (!corked) {
          corked = true;
          stream.cork();
          process.nextTick(() => {
            corked = false;
            stream.uncork();
          });
        }
        return query();
      };
      let begun: Promise<unknown> | null = send(() => client.query('BEGIN'));
      // Awaited with the first statement; never an unhandled rejection if `work` throws first.
      begun.catch(() => undefined);
      let finished = false;
      // The first statement waits for BEGIN's answer too (both were sent at once).
      const run = async <Row>(text: string, values?: readonly unknown[]): Promise<Row[]> => {
        const statement = send(() => client.query(named(text, values)));
        const before = begun;
        begun = null;
        const [result] = await Promise.all([statement, before]);
        return result.rows as Row[];
      };
      try {
        const result = await work({
          query: run,
          async exec(script: string) {
            await Promise.all([send(() => client.query(script)), begun]);
            begun = null;
          },
          async commitWith<Row>(text: string, values?: readonly unknown[]) {
            // Sent in this order: the statement, then COMMIT (calling query() sends at once).
            const last = run<Row>(text, values);
            const commit = send(() => client.query('COMMIT'));
            const [rows] = await Promise.all([last, commit]);
            finished = true;
            return rows;
          },
          async rollback() {
            await Promise.all([send(() => client.query('ROLLBACK')), begun]);
            begun = null;
            finished = true;
          },
        });
        if (!finished) await Promise.all([send(() => client.query('COMMIT')), begun]);
        client.release();
        return result;
      } catch (error) {
        // Dropping the connection ends the transaction on the server: nothing of it is kept.
        client.release(error instanceof Error ? error : true);
        return rethrowPostgresError(error);
      }
    },

    async close() {
      await pool.end();
    },
  };
}
