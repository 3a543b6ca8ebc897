import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../../shared/otp-parameters';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import type { SessionSecondFactorAttempt, Store } from '../../../../../verifier-server/store/store';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';

/**
 * PostgreSQL's second step (postgres-session-second-factor.ts, unit-pg only): what its row locks
 * do to other transactions, forced with a second connection that holds a lock of its own.
 */

const NOW = 1_800_000_000;
const LAST = 1000;
const ID = 'a0000000-0000-4000-8000-000000000001';
const LIMITS = { maxDelay: 300, lockAfter: 10 };

let schema: TestSchema;
let store: Store;
let other: pg.Client;
let userId: number;

beforeEach(async () => {
  schema = await testSchema();
  store = await createPostgresStore(testPostgresOptions(schema.url), () => undefined);
  other = new pg.Client({ connectionString: schema.url });
  await other.connect();
  const org = await store.createOrganisation('Praktijk', true);
  ({ id: userId } = await store.createUser({
    organisationId: org.id,
    username: 'anna',
    email: 'anna@praktijk.example',
    mobile: null,
    passwordHash: 'x',
  }));
  await store.savePendingEnrollment({
    sessionHash: 'enrolling',
    userId,
    authenticatorId: ID,
    name: 'Chrome plugin balie',
    secretSealed: new Uint8Array(48),
    otp: DEFAULT_TOTP,
    expiresAt: NOW + 600,
  });
  await store.confirmEnrollment('enrolling', LAST, NOW);
  await store.createSession({
    idHash: 'balie.mfa',
    userId,
    stage: 'mfa',
    createdAt: NOW,
    expiresAt: NOW + 600,
    authTime: NOW,
  });
});
afterEach(async () => {
  await other.end();
  await store.close();
  await schema.drop();
});

const byCookie = (step: number | null): SessionSecondFactorAttempt => ({
  sessionHash: 'balie.mfa',
  authenticatorId: ID,
  now: NOW,
  limits: LIMITS,
  check: { code: '', nowMs: 0 },
  prepare: () => ({ match: () => step }),
  next: { idHash: 'balie.full', expiresAt: NOW + 3600 },
  remember: null,
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether `promise` settled within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await pause(ms);
  return settled;
}

describe('the locks of the second step', () => {
  test("a logout in another tab waits for the check under way, then finds the session's old id gone", async () => {
    // The other connection holds the authenticator's row: the check stops at its acceptance,
    // after its first statement locked the session.
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM authenticators WHERE id = $1 FOR UPDATE', [ID]);
    const check = store.verifySessionSecondFactor(byCookie(LAST + 1));
    await pause(300);
    const logout = store.deleteSession('balie.mfa');
    expect(await settlesWithin(logout, 300)).toBe(false);
    await other.query('ROLLBACK');

    expect(await check).toMatchObject({ kind: 'checked', result: { kind: 'accepted' } });
    await logout;
    // The login came first: its new session stands; the logout named an id that no longer exists.
    expect(await store.getSession('balie.full', NOW)).toMatchObject({ stage: 'full', userId });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST + 1);
  });

  test("an account that must wait is refused without waiting for its row's lock", async () => {
    const wrong = await store.verifySessionSecondFactor(byCookie(null));
    expect(wrong).toMatchObject({ result: { kind: 'wrong', claim: { failedAttempts: 1 } } });
    // Something else holds the user's row (an administrator's change, another instance's claim).
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [userId]);
    const refused = store.verifySessionSecondFactor(byCookie(LAST + 1));
    expect(await settlesWithin(refused, 500)).toBe(true);
    await other.query('ROLLBACK');
    expect(await refused).toMatchObject({
      result: { kind: 'refused', locked: false, throttleUntil: NOW + 1 },
    });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 1 });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
  });
});
