import { FULL_SESSIONS_PER_USER } from '../session-cap';
import type { Store } from '../store';
import { migratePostgres } from './migrate-postgres';
import { postgresAuthenticatorStore } from './postgres-authenticator-store';
import { createPostgresDb, type PostgresOptions } from './postgres-db';
import { createInstanceLock } from './postgres-instance-lock';
import { postgresKeyCheckStore } from './postgres-key-check-store';
import { postgresOutboxStore } from './postgres-outbox-store';
import { postgresSessionSecondFactor } from './postgres-session-second-factor';
import { END_FULL_SESSIONS_OVER_CAP, postgresSessionStore } from './postgres-session-store';
import { postgresThrottleStore } from './postgres-throttle-store';
import { postgresUserStore } from './postgres-user-store';

const DAY = 24 * 3600;
/** Advisory lock class 'purg': one instance purges at a time, the others skip that round. */
const PURGE_LOCK = 0x70757267;

/**
 * Batches of the second step's read, as many of its decision, and as many attempts decided on
 * their own (waiting for a lock) under way at once: a quarter of the pool each, so a quarter of it
 * stays for everything else. Fewer slots make larger batches (the others wait for a slot), which
 * costs each attempt less CPU on both sides of the socket.
 */
const secondFactorSlots = (poolSize: number) => Math.max(1, Math.floor(poolSize / 4));

/**
 * The store for several instances on one database: a connection pool shared by every table
 * group, the schema migrated at open. `onError` hears about connections that failed while
 * nobody was using them (a restarted server); the pool replaces them.
 */
export async function createPostgresStore(
  options: PostgresOptions,
  onError: (error: Error) => void,
): Promise<Store> {
  const db = createPostgresDb(options, onError);
  const instanceLock = createInstanceLock(options, onError);
  let fresh: boolean;
  try {
    ({ fresh } = await migratePostgres(db));
  } catch (error) {
    await db.close();
    throw error;
  }
  return {
    ...postgresUserStore(db),
    ...postgresThrottleStore(db),
    ...postgresAuthenticatorStore(db),
    ...postgresSessionStore(db),
    ...postgresOutboxStore(db),
    ...postgresKeyCheckStore(db, instanceLock),
    ...postgresSessionSecondFactor(db, {
      slots: secondFactorSlots(options.poolSize),
      maxWaitMs: options.connectTimeoutMs,
    }),
    fresh,
    async close() {
      await instanceLock.release();
      await db.close();
    },
    async purgeExpired(now) {
      const purged = await db.transaction(async (tx) => {
        const [lock] = await tx.query<{ got: boolean }>(
          'SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS got',
          [PURGE_LOCK],
        );
        if (!lock?.got) return false;
        await Promise.all([
          tx.query('DELETE FROM sessions WHERE expires_at <= $1', [now]),
          tx.query('DELETE FROM pending_enrollments WHERE expires_at <= $1', [now]),
          tx.query('DELETE FROM fallback_codes WHERE expires_at <= $1', [now]),
          tx.query('DELETE FROM remember_tokens WHERE expires_at <= $1', [now]),
          tx.query('DELETE FROM fallback_sends WHERE sent_at <= $1', [now - DAY]),
          tx.query('DELETE FROM login_throttle WHERE last_at <= $1 AND until <= $2', [now - DAY, now]),
          // Development messages: a day is plenty to read a code that lives ten minutes.
          tx.query('DELETE FROM outbox WHERE sent_at <= $1', [(now - DAY) * 1000]),
        ]);
        return true;
      });
      // Its own statement after the purge, by the instance that purged: whatever befalls it
      // (a statement timeout on a huge table) leaves the expired rows' deletion done.
      if (purged) await db.query(END_FULL_SESSIONS_OVER_CAP, [FULL_SESSIONS_PER_USER]);
    },
  };
}
