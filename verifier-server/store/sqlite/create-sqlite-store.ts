import { FULL_SESSIONS_PER_USER } from '../session-cap';
import type { Store } from '../store';
import { verifySessionSecondFactor } from '../verify-session-second-factor';
import { openSqlite } from './open-sqlite';
import { sqliteAuthenticatorStore } from './sqlite-authenticator-store';
import { sqliteDb } from './sqlite-db';
import { sqliteKeyCheckStore } from './sqlite-key-check-store';
import { sqliteOutboxStore } from './sqlite-outbox-store';
import { END_FULL_SESSIONS_OVER_CAP, sqliteSessionStore } from './sqlite-session-store';
import { sqliteThrottleStore } from './sqlite-throttle-store';
import { sqliteUserStore } from './sqlite-user-store';
import { sqliteVerifySecondFactor } from './sqlite-verification-store';

const DAY = 24 * 3600;

/**
 * The embedded default store: one SQLite database and statement cache shared by every table
 * group. better-sqlite3 is synchronous; the interface is async for other backends.
 */
export function createSqliteStore(path: string): Store {
  const { db, fresh } = openSqlite(path);
  const shared = sqliteDb(db);
  const purge = db.transaction((now: number) => {
    shared.statement('DELETE FROM sessions WHERE expires_at <= ?').run(now);
    shared.statement(END_FULL_SESSIONS_OVER_CAP).run(FULL_SESSIONS_PER_USER, FULL_SESSIONS_PER_USER);
    shared.statement('DELETE FROM pending_enrollments WHERE expires_at <= ?').run(now);
    shared.statement('DELETE FROM fallback_codes WHERE expires_at <= ?').run(now);
    shared.statement('DELETE FROM remember_tokens WHERE expires_at <= ?').run(now);
    shared.statement('DELETE FROM fallback_sends WHERE sent_at <= ?').run(now - DAY);
    shared.statement('DELETE FROM login_throttle WHERE last_at <= ? AND until <= ?').run(now - DAY, now);
    // Development messages: a day is plenty to read a code that lives ten minutes.
    shared.statement('DELETE FROM outbox WHERE sent_at <= ?').run((now - DAY) * 1000);
  });
  const store: Omit<Store, 'verifySessionSecondFactor'> = {
    ...sqliteUserStore(shared),
    ...sqliteThrottleStore(shared),
    ...sqliteAuthenticatorStore(shared),
    ...sqliteSessionStore(shared),
    ...sqliteOutboxStore(shared),
    ...sqliteKeyCheckStore(shared),
    fresh,
    async close() {
      db.close();
    },
    async purgeExpired(now) {
      purge.immediate(now);
    },
  };
  const verifySecondFactor = sqliteVerifySecondFactor(shared);
  // Through the returned object, so what replaces one of its methods (a fault test) is used here too.
  const full: Store = {
    ...store,
    verifySessionSecondFactor: (a) => verifySessionSecondFactor(full, verifySecondFactor, a),
  };
  return full;
}
