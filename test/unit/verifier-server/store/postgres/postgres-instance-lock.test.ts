import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  createInstanceLock,
  INSTANCE_LOCK,
  type InstanceLock,
} from '../../../../../verifier-server/store/postgres/postgres-instance-lock';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';

/**
 * The mark of a running instance on PostgreSQL (unit-pg only), which rotate-key refuses to run
 * beside: held on a session of its own, so an instance whose pool has closed every idle
 * connection still holds it; taken again after that session was lost; waiting for a rotation
 * under way.
 */

let schema: TestSchema;
let lock: InstanceLock;
let other: pg.Client;

beforeEach(async () => {
  schema = await testSchema();
  // Statements time out after 300 ms, as in a verifier with VERIFIER_PG_STATEMENT_TIMEOUT_MS=300.
  lock = createInstanceLock(testPostgresOptions(schema.url, { statementTimeoutMs: 300 }), () => undefined);
  other = new pg.Client({ connectionString: schema.url });
  await other.connect();
});
afterEach(async () => {
  await lock.release();
  await other.end();
  await schema.drop();
});

/** What rotate-key asks in its transaction: may it run? (The lock ends with the statement's transaction.) */
const free = async () =>
  (
    await other.query<{ got: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS got',
      [INSTANCE_LOCK],
    )
  ).rows[0]?.got;

/** The backend that holds this schema's instance lock, as an administrator would find it. */
const holders = async () =>
  (
    await other.query<{ pid: number }>(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND classid = $1
         AND objid = (hashtext(current_schema())::bigint & 4294967295)::oid AND objsubid = 2`,
      [INSTANCE_LOCK],
    )
  ).rows.map((r) => r.pid);

describe('the instance lock', () => {
  test('held on a session of its own until released; another schema is not concerned', async () => {
    expect(await free()).toBe(true);
    await lock.hold();
    await lock.hold(); // again: the same session
    expect(await holders()).toHaveLength(1);
    expect(await free()).toBe(false);
    const elsewhere = await testSchema();
    try {
      const client = new pg.Client({ connectionString: elsewhere.url });
      await client.connect();
      const [row] = (
        await client.query<{ got: boolean }>(
          'SELECT pg_try_advisory_xact_lock($1, hashtext(current_schema())) AS got',
          [INSTANCE_LOCK],
        )
      ).rows;
      expect(row?.got).toBe(true);
      await client.end();
    } finally {
      await elsewhere.drop();
    }
    await lock.release();
    expect(await free()).toBe(true);
  });

  test('a lost session (terminated, as by a restart) is noticed, and the next hold takes the lock again', async () => {
    await lock.hold();
    const [pid] = await holders();
    await other.query('SELECT pg_terminate_backend($1)', [pid]);
    const deadline = Date.now() + 5_000;
    while ((await holders()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await free()).toBe(true);
    await new Promise((r) => setTimeout(r, 100)); // the client hears of it
    await lock.hold();
    expect(await holders()).toHaveLength(1);
    expect((await holders())[0]).not.toBe(pid);
    expect(await free()).toBe(false);
  });

  test('an instance that starts during a rotation waits for its commit, however long past the statement timeout', async () => {
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [INSTANCE_LOCK]);
    let held = false;
    const holding = lock.hold().then(() => {
      held = true;
    });
    await new Promise((r) => setTimeout(r, 1_200));
    expect(held).toBe(false);
    await other.query('COMMIT');
    await holding;
    expect(held).toBe(true);
    expect(await free()).toBe(false);
  });

  test('released while still waiting: the wait ends at once, and no session is left holding it', async () => {
    await other.query('BEGIN');
    await other.query('SELECT pg_advisory_xact_lock($1, hashtext(current_schema()))', [INSTANCE_LOCK]);
    const holding = lock.hold().catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    await lock.release();
    await holding;
    expect(Date.now() - started).toBeLessThan(1_000);
    await other.query('COMMIT');
    await lock.hold(); // after release: nothing
    // The backend that waited learns only now that its client left: granted, it ends at once
    // (how soon depends on the machine's load), and holds nothing after.
    const deadline = Date.now() + 5_000;
    while ((await holders()).length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await holders()).toHaveLength(0);
    expect(await free()).toBe(true);
  });
});
