import pg from 'pg';
import type { PostgresOptions } from './postgres-db';

/** Advisory lock class 'inst'; the object is the schema, as for MIGRATION_LOCK. */
export const INSTANCE_LOCK = 0x696e7374;

/**
 * Marks a serving instance for as long as it runs: a shared advisory lock on (INSTANCE_LOCK, the
 * schema), held on a session of its own (the pool closes idle connections, and a lock must not
 * come and go with traffic). rotate-key takes the same lock exclusively in its transaction, so it
 * is refused while any instance holds it, idle or not, and an instance that marks itself during a
 * rotation waits for its commit (then finds the new key check and stops).
 */
export interface InstanceLock {
  /**
   * Holds the lock, taking it again on a new session if the old one was lost (a restarted
   * server). Rejects when the database cannot be reached or the wait outlasts the statement
   * timeout; the caller tries again later.
   */
  hold(): Promise<void>;
  /** Ends the session, and with it the lock. */
  release(): Promise<void>;
}

export function createInstanceLock(options: PostgresOptions): InstanceLock {
  let session: pg.Client | null = null;
  let taking: Promise<void> | null = null;
  const end = async (client: pg.Client) => {
    if (session === client) session = null;
    await client.end().catch(() => undefined);
  };
  const take = async () => {
    const client = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs,
      statement_timeout: options.statementTimeoutMs,
      query_timeout: options.statementTimeoutMs + 1_000,
      application_name: 'verifier instance lock',
    });
    // A lost session (a restarted server) is noticed here; the next hold() takes a new one.
    client.on('error', () => void end(client));
    client.on('end', () => {
      if (session === client) session = null;
    });
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock_shared($1, hashtext(current_schema()))', [INSTANCE_LOCK]);
    } catch (error) {
      await end(client);
      throw error;
    }
    session = client;
  };
  return {
    hold() {
      if (session !== null) return Promise.resolve();
      taking ??= take().finally(() => {
        taking = null;
      });
      return taking;
    },
    async release() {
      await taking?.catch(() => undefined);
      if (session !== null) await end(session);
    },
  };
}
