import pg from 'pg';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import { LOCK_USER_SESSIONS } from '../../../../../verifier-server/store/postgres/postgres-session-store';
import { FULL_SESSIONS_PER_USER } from '../../../../../verifier-server/store/session-cap';
import type { Store } from '../../../../../verifier-server/store/store';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';

/**
 * The cap on logged-in sessions (session-cap.ts) beside logins and password changes on
 * PostgreSQL (unit-pg only): it never waits for a row another transaction holds, so it cannot
 * deadlock with a password change that locks a user's sessions in selector order, and a session
 * a login is rotating at that moment (about to be the newest) is not ended.
 */

const NOW = 1_800_000_000;
const OVER = 5;
let schema: TestSchema;
let store: Store;
let other: pg.Client | undefined;
let userId: number;

beforeEach(async () => {
  schema = await testSchema();
  store = await createPostgresStore(testPostgresOptions(schema.url), () => undefined);
  const org = await store.createOrganisation('Praktijk', true);
  const user = await store.createUser({
    organisationId: org.id,
    username: 'anna',
    email: 'anna@praktijk.example',
    mobile: null,
    passwordHash: 'x',
  });
  userId = user.id;
  // Selectors in the reverse of their age: the cap's own order is not the lock order.
  const count = FULL_SESSIONS_PER_USER + OVER;
  for (let i = 0; i < count; i++)
    await store.createSession({
      idHash: `s${String(count - i).padStart(4, '0')}.v`,
      userId,
      stage: 'full',
      createdAt: NOW + i,
      expiresAt: NOW + 3600,
      authTime: NOW,
    });
});
afterEach(async () => {
  await other?.end();
  other = undefined;
  await store.close();
  await schema.drop();
});

/** Another connection (a login or a password change on another instance), in a transaction. */
async function transaction(): Promise<pg.Client> {
  other = new pg.Client({ connectionString: schema.url });
  await other.connect();
  await other.query('BEGIN');
  return other;
}

const fullSessions = async () =>
  (await schema.query<{ n: string }>("SELECT count(*) AS n FROM sessions WHERE stage = 'full'"))[0]?.n;
const oldest = `s${String(FULL_SESSIONS_PER_USER + OVER).padStart(4, '0')}`;

test('a password change holding every session of the user: the purge waits for nothing and ends nothing', async () => {
  const change = await transaction();
  await change.query(LOCK_USER_SESSIONS, [userId]);
  const started = Date.now();
  await store.purgeExpired(NOW);
  // Well under the 2 s statement timeout: it did not wait for the locks.
  expect(Date.now() - started).toBeLessThan(1500);
  expect(await fullSessions()).toBe(String(FULL_SESSIONS_PER_USER + OVER));
  await change.query('COMMIT');
  // The next round does it.
  await store.purgeExpired(NOW);
  expect(await fullSessions()).toBe(String(FULL_SESSIONS_PER_USER));
});

test('the oldest session being rotated by a login at that moment is not ended, and is the newest after', async () => {
  const login = await transaction();
  await login.query('UPDATE sessions SET created_at = $1, validator_hash = $2 WHERE selector = $3', [
    NOW + 10_000,
    'rotated',
    oldest,
  ]);
  await store.purgeExpired(NOW);
  await login.query('COMMIT');
  const rows = await schema.query<{ created_at: string }>(
    'SELECT created_at FROM sessions WHERE selector = $1',
    [oldest],
  );
  expect(rows.map((r) => Number(r.created_at))).toEqual([NOW + 10_000]);
  // The other four of the oldest five went; the rotated one, now the newest, stays at the next
  // round too, and the next oldest goes instead.
  expect(await fullSessions()).toBe(String(FULL_SESSIONS_PER_USER + 1));
  await store.purgeExpired(NOW);
  expect(await fullSessions()).toBe(String(FULL_SESSIONS_PER_USER));
  expect(await schema.query('SELECT 1 FROM sessions WHERE selector = $1', [oldest])).toHaveLength(1);
});
