import { errorCode } from '../../error-code';
import type { KeyCheckStore, KeyReplacement } from '../key-check-store';
import { SEALED_SELECTS, type SealedTotpSqlRow, SealedValuesDiffered, toSealedTotp } from '../sealed-rows';
import { type AuthenticatorRow, toAuthenticator } from '../store-rows';
import type { SqliteDb } from './sqlite-db';

export function sqliteKeyCheckStore({ db, statement }: SqliteDb): KeyCheckStore {
  const sql = {
    get: statement<{ value: string }>('SELECT value FROM key_check WHERE id = 1'),
    claim: statement('INSERT INTO key_check (id, value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING'),
    replace: statement(
      'INSERT INTO key_check (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
    ),
    sample: statement<AuthenticatorRow>('SELECT * FROM authenticators ORDER BY created_at DESC, id LIMIT ?'),
    authenticators: statement<SealedTotpSqlRow>(SEALED_SELECTS.authenticators),
    pending: statement<SealedTotpSqlRow>(SEALED_SELECTS.pendingEnrollments),
    outbox: statement<{ id: number; sealed: Buffer }>(SEALED_SELECTS.outbox),
    count: {
      authenticators: statement<{ n: number }>('SELECT count(*) AS n FROM authenticators'),
      pending: statement<{ n: number }>('SELECT count(*) AS n FROM pending_enrollments'),
      outbox: statement<{ n: number }>('SELECT count(*) AS n FROM outbox'),
    },
    reseal: {
      authenticators: statement(
        'UPDATE authenticators SET secret_sealed = ? WHERE id = ? AND secret_sealed = ?',
      ),
      pending: statement(
        'UPDATE pending_enrollments SET secret_sealed = ? WHERE session_hash = ? AND secret_sealed = ?',
      ),
      outbox: statement('UPDATE outbox SET sealed = ? WHERE id = ? AND sealed = ?'),
    },
    deleteFallbackCodes: statement('DELETE FROM fallback_codes'),
  };
  const get = () => sql.get.get()?.value ?? null;

  const replaceKey = db.transaction((r: KeyReplacement): number => {
    if (get() !== r.keyCheckBefore) throw new SealedValuesDiffered();
    const groups = [
      [sql.count.authenticators, sql.reseal.authenticators, r.authenticators],
      [sql.count.pending, sql.reseal.pending, r.pendingEnrollments],
      [sql.count.outbox, sql.reseal.outbox, r.outbox],
    ] as const;
    for (const [count, reseal, values] of groups) {
      if (count.get()?.n !== values.length) throw new SealedValuesDiffered();
      for (const v of values) {
        if (reseal.run(Buffer.from(v.after), v.row, Buffer.from(v.before)).changes !== 1)
          throw new SealedValuesDiffered();
      }
    }
    const removed = sql.deleteFallbackCodes.run().changes;
    sql.replace.run(r.keyCheckAfter);
    return removed;
  });

  return {
    async getKeyCheck() {
      return get();
    },
    async claimKeyCheck(value) {
      sql.claim.run(value);
      const recorded = get();
      if (recorded === null) throw new Error('the key check was not recorded');
      return recorded;
    },
    async replaceKeyCheck(value) {
      sql.replace.run(value);
    },
    async newestAuthenticators(limit) {
      return sql.sample.all(limit).map(toAuthenticator);
    },
    async holdInstanceLock() {
      // Every open connection of an instance holds a shared lock on the file: nothing to add.
    },
    async sealedValues() {
      // One read transaction: the three tables as of one moment.
      return db.transaction(() => ({
        authenticators: sql.authenticators.all().map(toSealedTotp),
        pendingEnrollments: sql.pending.all().map(toSealedTotp),
        outbox: sql.outbox.all().map((m) => ({ id: m.id, sealed: new Uint8Array(m.sealed) })),
      }))();
    },
    async replaceKey(replacement) {
      // The file alone: an EXCLUSIVE lock, as copy-to-postgres takes it (open-sqlite-source.ts).
      // In WAL mode every other open connection (a verifier instance, idle or not) holds a shared
      // lock for as long as it is open, so waiting longer than a passing reader needs gains
      // nothing; once it holds, nobody reads or writes.
      const busyTimeout = db.pragma('busy_timeout', { simple: true });
      db.pragma('busy_timeout = 1000');
      db.pragma('locking_mode = EXCLUSIVE');
      try {
        return { outcome: 'replaced', fallbackCodesRemoved: replaceKey.exclusive(replacement) };
      } catch (error) {
        if (error instanceof SealedValuesDiffered) return { outcome: 'changed' };
        if (errorCode(error) === 'SQLITE_BUSY') return { outcome: 'in-use' };
        throw error;
      } finally {
        // Shared access again from this connection's next read, with its own busy timeout.
        db.pragma('locking_mode = NORMAL');
        db.pragma(`busy_timeout = ${Number(busyTimeout)}`);
      }
    },
  };
}
