import pg from 'pg';
import type { PostgresOptions } from './postgres-db';

/** Advisory lock class 'inst'; the object is the schema, as for MIGRATION_LOCK. */
export const INSTANCE_LOCK = 0x696e7374;

/**
 * The longest a start waits for a rotate-key under way (commands get a statement timeout of at
 * least 120 s, cli/run-cli.ts); then the start fails.
 */
const LOCK_WAIT_MS = 180_000;

/**
 * Marks a serving instance for as long as it runs: a shared advisory lock on (INSTANCE_LOCK, the
 * schema), held on a session of its own (the pool closes idle connections, and a lock must not
 * come and go with traffic). rotate-key takes the same lock exclusively in its transaction, so it
 * is refused while any instance holds it, idle or not, and an instance that marks itself during a
 * rotation waits for its commit (then finds the new key check and stops).
 */
export interface InstanceLock {
  /**
   * Holds the lock: checks that its session still answers (a dropped connection is not always
   * reported), and takes it again on a new session if that session was lost (a restarted
   * server). Rejects when the database cannot be reached; the caller tries again later.
   */
  hold(): Promise<void>;
  /** Ends the session, and with it the lock; later holds do nothing. */
  release(): Promise<void>;
}

export function createInstanceLock(options: PostgresOptions, onError: (error: Error) => void): InstanceLock {
  let session: pg.Client | null = null;
  let opening: pg.Client | null = null;
  let taking: Promise<void> | null = null;
  let released = false;
  const end = async (client: pg.Client) => {
    if (session === client) session = null;
    await client.end().catch(() => undefined);
  };
  const take = async () => {
    const client = new pg.Client({
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs,
      // The lock may be held by a rotate-key for as long as its transaction lasts.
      statement_timeout: 0,
      query_timeout: LOCK_WAIT_MS,
      keepAlive: true,
      application_name: 'verifier instance lock',
    });
    // A lost session (a restarted server) is reported and noticed here; the next hold() takes a new one.
    client.on('error', (error) => {
      onError(error);
      void end(client);
    });
    client.on('end', () => {
      if (session === client) session = null;
    });
    opening = client;
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock_shared($1, hashtext(current_schema()))', [INSTANCE_LOCK]);
    } catch (error) {
      await end(client);
      throw error;
    } finally {
      opening = null;
    }
    if (released) await end(client);
    else session = client;
  };
  const alive = async (client: pg.Client) => {
    let timer: NodeJS.Timeout | undefined;
    const silent = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer')), options.statementTimeoutMs + 1_000);
    });
    try {
      await Promise.race([client.query('SELECT 1'), silent]);
      return true;
    } catch {
      await end(client);
      return false;
    } finally {
      clearTimeout(timer);
    }
  };
  return {
    async hold() {
      if (released) return;
      const current = session;
      if (current !== null && (await alive(current))) return;
      taking ??= take().finally(() => {
        taking = null;
      });
      return taking;
    },
    async release() {
      released = true;
      // A lock still being waited for: ending its client cancels the wait.
      if (opening !== null) await end(opening);
      await taking?.catch(() => undefined);
      if (session !== null) await end(session);
    },
  };
}
