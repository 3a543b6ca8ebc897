import type { KeyCheckStore } from '../key-check-store';
import { SEALED_SELECTS, type SealedTotpSqlRow, SealedValuesDiffered, toSealedTotp } from '../sealed-rows';
import { type AuthenticatorRow, toAuthenticator } from '../store-rows';
import type { PostgresDb, PostgresTx } from './postgres-db';
import { INSTANCE_LOCK, type InstanceLock } from './postgres-instance-lock';

/** One table's sealed column, for the key replacement. */
interface SealedColumn {
  readonly table: string;
  readonly key: string;
  readonly keyType: 'text' | 'integer';
  readonly column: string;
}

/**
 * Seals `values` again in one statement, each only if it still holds what was read, after
 * checking that the table holds no other row (its writers are locked out by then).
 */
async function reseal<Row extends string | number>(
  tx: PostgresTx,
  { table, key, keyType, column }: SealedColumn,
  values: readonly { row: Row; before: Uint8Array; after: Uint8Array }[],
): Promise<void> {
  const [count] = await tx.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  if (count?.n !== values.length) throw new SealedValuesDiffered();
  if (values.length === 0) return;
  const updated = await tx.query(
    `UPDATE ${table} t SET ${column} = v.after
       FROM unnest($1::${keyType}[], $2::bytea[], $3::bytea[]) AS v(row, before, after)
      WHERE t.${key} = v.row AND t.${column} = v.before
     RETURNING 1`,
    [
      values.map((v) => v.row),
      values.map((v) => Buffer.from(v.before)),
      values.map((v) => Buffer.from(v.after)),
    ],
  );
  if (updated.length !== values.length) throw new SealedValuesDiffered();
}

/** Thrown inside the key replacement's transaction to roll it back: an instance runs. */
class InstanceRunning extends Error {}

export function postgresKeyCheckStore(db: PostgresDb, instanceLock: InstanceLock): KeyCheckStore {
  const get = async () =>
    (await db.query<{ value: string }>('SELECT value FROM key_check WHERE id = 1'))[0]?.value ?? null;
  return {
    getKeyCheck: get,
    async claimKeyCheck(value) {
      // Instances starting at once: the first insert wins, and every one reads the winner.
      await db.query('INSERT INTO key_check (id, value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [value]);
      const recorded = await get();
      if (recorded === null) throw new Error('the key check was not recorded');
      return recorded;
    },
    async replaceKeyCheck(value) {
      await db.query(
        'INSERT INTO key_check (id, value) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
        [value],
      );
    },
    async newestAuthenticators(limit) {
      const rows = await db.query<AuthenticatorRow>(
        'SELECT * FROM authenticators ORDER BY created_at DESC, id LIMIT $1',
        [limit],
      );
      return rows.map(toAuthenticator);
    },
    holdInstanceLock: () => instanceLock.hold(),
    async sealedValues() {
      // One snapshot of the three tables.
      return db.transaction(async (tx) => {
        await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ');
        const authenticators = await tx.query<SealedTotpSqlRow>(SEALED_SELECTS.authenticators);
        const pending = await tx.query<SealedTotpSqlRow>(SEALED_SELECTS.pendingEnrollments);
        const outbox = await tx.query<{ id: number; sealed: Buffer }>(SEALED_SELECTS.outbox);
        return {
          authenticators: authenticators.map(toSealedTotp),
          pendingEnrollments: pending.map(toSealedTotp),
          outbox: outbox.map((m) => ({ id: m.id, sealed: new Uint8Array(m.sealed) })),
        };
      });
    },
    async replaceKey(r) {
      try {
        return await db.transaction(async (tx) => {
          const [check] = await tx.query<{ value: string }>(
            'SELECT value FROM key_check WHERE id = 1 FOR UPDATE',
          );
          if (check?.value !== r.keyCheckBefore) throw new SealedValuesDiffered();
          // Every serving instance holds this lock shared (postgres-instance-lock.ts), idle or not;
          // one that starts meanwhile waits for this transaction, then finds the new key check.
          const [lock] = await tx.query<{ got: boolean }>(
            'SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS got',
            [INSTANCE_LOCK],
          );
          if (lock?.got !== true) throw new InstanceRunning();
          // Writers of the three tables wait until this commits; readers go on.
          await tx.query(
            'LOCK TABLE authenticators, pending_enrollments, outbox IN SHARE ROW EXCLUSIVE MODE',
          );
          const text = { keyType: 'text', column: 'secret_sealed' } as const;
          await reseal(tx, { table: 'authenticators', key: 'id', ...text }, r.authenticators);
          await reseal(
            tx,
            { table: 'pending_enrollments', key: 'session_hash', ...text },
            r.pendingEnrollments,
          );
          await reseal(tx, { table: 'outbox', key: 'id', keyType: 'integer', column: 'sealed' }, r.outbox);
          const [removed] = await tx.query<{ n: number }>(
            'WITH d AS (DELETE FROM fallback_codes RETURNING 1) SELECT count(*)::int AS n FROM d',
          );
          await tx.query('UPDATE key_check SET value = $1 WHERE id = 1', [r.keyCheckAfter]);
          return { outcome: 'replaced', fallbackCodesRemoved: removed?.n ?? 0 } as const;
        });
      } catch (error) {
        if (error instanceof SealedValuesDiffered) return { outcome: 'changed' };
        if (error instanceof InstanceRunning) return { outcome: 'in-use' };
        throw error;
      }
    },
  };
}
