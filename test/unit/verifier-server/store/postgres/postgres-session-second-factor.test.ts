import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../../shared/otp-parameters';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import type { SessionSecondFactorAttempt, Store } from '../../../../../verifier-server/store/store';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';

/**
 * PostgreSQL's second step (postgres-session-second-factor.ts, unit-pg only): what its row locks
 * do to other transactions, forced with a second connection that holds a lock of its own; and
 * attempts under way at the same time, which share its two statements.
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
  await store.confirmEnrollment('enrolling', ID, LAST, NOW);
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
    // after its decision locked the session.
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

describe('a session that ends between the read and the decision', () => {
  test('no session: nothing is counted, the step is still unused', async () => {
    // The other connection holds the session's row: the read passes, the decision waits for it …
    await other.query('BEGIN');
    await other.query("SELECT 1 FROM sessions WHERE selector = 'balie' FOR UPDATE");
    const check = store.verifySessionSecondFactor(byCookie(null));
    await pause(300);
    // … and finds it gone (a logout in another tab).
    await other.query("DELETE FROM sessions WHERE selector = 'balie'");
    await other.query('COMMIT');
    expect(await check).toEqual({ kind: 'no-session' });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0, throttleUntil: 0 });
  });
});

describe('attempts under way at once share a statement; each is decided on its own', () => {
  /** Another user with an authenticator (last step LAST) and a half-logged-in session `<name>.mfa`. */
  async function account(name: string) {
    const org = await store.getUser(userId);
    const { id } = await store.createUser({
      organisationId: org?.organisationId ?? 0,
      username: name,
      email: `${name}@praktijk.example`,
      mobile: null,
      passwordHash: 'x',
    });
    const authenticatorId = `a0000000-0000-4000-8000-${String(id).padStart(12, '0')}`;
    await store.savePendingEnrollment({
      sessionHash: `${name}.enrolling`,
      userId: id,
      authenticatorId,
      name: 'Chrome plugin balie',
      secretSealed: new Uint8Array(48),
      otp: DEFAULT_TOTP,
      expiresAt: NOW + 600,
    });
    await store.confirmEnrollment(`${name}.enrolling`, authenticatorId, LAST, NOW);
    await store.createSession({
      idHash: `${name}.mfa`,
      userId: id,
      stage: 'mfa',
      createdAt: NOW,
      expiresAt: NOW + 600,
      authTime: NOW,
    });
    const attempt = (step: number | null, remember: string | null = null): SessionSecondFactorAttempt => ({
      ...byCookie(step),
      sessionHash: `${name}.mfa`,
      authenticatorId,
      next: { idHash: `${name}.full`, expiresAt: NOW + 3600 },
      remember: remember === null ? null : { tokenHash: remember, expiresAt: NOW + 7 * 86_400 },
    });
    return { id, authenticatorId, attempt };
  }

  test('a right code, a wrong one and a replay of three accounts at once: each its own outcome', async () => {
    const [bram, cees, dirk] = await Promise.all([account('bram'), account('cees'), account('dirk')]);
    const results = await Promise.all([
      store.verifySessionSecondFactor(bram.attempt(LAST + 1, 'bram-token')),
      store.verifySessionSecondFactor(cees.attempt(null)),
      store.verifySessionSecondFactor(dirk.attempt(LAST)),
    ]);
    expect(results.map((r) => (r.kind === 'checked' ? r.result.kind : r.kind))).toEqual([
      'accepted',
      'wrong',
      'replay',
    ]);
    expect(await store.getSession('bram.full', NOW)).toMatchObject({ stage: 'full', userId: bram.id });
    expect(await store.getRememberToken('bram-token')).toMatchObject({ userId: bram.id });
    for (const { id, name } of [
      { id: cees.id, name: 'cees' },
      { id: dirk.id, name: 'dirk' },
    ]) {
      expect(await store.getUser(id)).toMatchObject({ failedAttempts: 1, throttleUntil: NOW + 1 });
      expect(await store.getSession(`${name}.mfa`, NOW)).toMatchObject({ stage: 'mfa' });
      expect(await store.getSession(`${name}.full`, NOW)).toBeNull();
    }
    expect((await store.getAuthenticator(bram.authenticatorId, bram.id))?.lastStep).toBe(LAST + 1);
    expect((await store.getAuthenticator(dirk.authenticatorId, dirk.id))?.lastStep).toBe(LAST);
    expect(await store.getUser(bram.id)).toMatchObject({ failedAttempts: 0 });
  });

  test("one attempt's conflict fails that attempt only; nothing of it is kept", async () => {
    const [bram, cees] = await Promise.all([account('bram'), account('cees')]);
    // A remember token under the hash bram's attempt will bring: its insert breaks the statement.
    await store.saveRememberToken({ tokenHash: 'taken', userId, expiresAt: NOW + 600, revoked: false });
    const [failed, accepted] = await Promise.allSettled([
      store.verifySessionSecondFactor(bram.attempt(LAST + 1, 'taken')),
      store.verifySessionSecondFactor(cees.attempt(LAST + 1)),
    ]);
    expect(failed.status).toBe('rejected');
    expect(accepted).toMatchObject({ status: 'fulfilled', value: { result: { kind: 'accepted' } } });
    expect(await store.getSession('cees.full', NOW)).toMatchObject({ stage: 'full' });
    expect(await store.getSession('bram.mfa', NOW)).toMatchObject({ stage: 'mfa' });
    expect((await store.getAuthenticator(bram.authenticatorId, bram.id))?.lastStep).toBe(LAST);
    expect(await store.getUser(bram.id)).toMatchObject({ failedAttempts: 0 });
  });

  test("a lock on one account's row holds up only that account's attempt, not the others of its batch", async () => {
    const [bram, cees] = await Promise.all([account('bram'), account('cees')]);
    // Something else holds bram's row (an administrator's change, another instance's claim).
    await other.query('BEGIN');
    await other.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [bram.id]);
    const held = store.verifySessionSecondFactor(bram.attempt(LAST + 1));
    const free = store.verifySessionSecondFactor(cees.attempt(LAST + 1));
    expect(await settlesWithin(free, 500)).toBe(true);
    expect(await free).toMatchObject({ result: { kind: 'accepted' } });
    expect(await settlesWithin(held, 300)).toBe(false);
    await other.query('ROLLBACK');
    // Bram's attempt was decided once the row was free: not lost, not refused.
    expect(await held).toMatchObject({ result: { kind: 'accepted' } });
    expect(await store.getSession('bram.full', NOW)).toMatchObject({ stage: 'full' });
  });

  test('two accounts held elsewhere in one batch: each is answered once its own row is free', async () => {
    // A pool of 8: two slots for attempts decided on their own (a quarter each).
    const wide = await createPostgresStore(testPostgresOptions(schema.url, { poolSize: 8 }), () => undefined);
    const holder = new pg.Client({ connectionString: schema.url });
    await holder.connect();
    try {
      const [bram, cees, dirk] = await Promise.all([account('bram'), account('cees'), account('dirk')]);
      await other.query('BEGIN');
      await other.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [bram.id]);
      await holder.query('BEGIN');
      await holder.query('SELECT 1 FROM users WHERE id = $1 FOR UPDATE', [cees.id]);
      const heldLong = wide.verifySessionSecondFactor(bram.attempt(LAST + 1));
      const heldShort = wide.verifySessionSecondFactor(cees.attempt(LAST + 1));
      const free = wide.verifySessionSecondFactor(dirk.attempt(LAST + 1));
      expect(await settlesWithin(free, 500)).toBe(true);
      await holder.query('ROLLBACK');
      // Cees's answer does not wait for bram's row.
      expect(await settlesWithin(heldShort, 500)).toBe(true);
      expect(await heldShort).toMatchObject({ result: { kind: 'accepted' } });
      expect(await settlesWithin(heldLong, 0)).toBe(false);
      await other.query('ROLLBACK');
      expect(await heldLong).toMatchObject({ result: { kind: 'accepted' } });
    } finally {
      await holder.end();
      await wide.close();
    }
  });

  test('two wrong guesses on one account at once: the second is refused by the delay the first started', async () => {
    await store.createSession({
      idHash: 'behandelkamer.mfa',
      userId,
      stage: 'mfa',
      createdAt: NOW,
      expiresAt: NOW + 600,
      authTime: NOW,
    });
    const results = await Promise.all([
      store.verifySessionSecondFactor(byCookie(null)),
      store.verifySessionSecondFactor({
        ...byCookie(null),
        sessionHash: 'behandelkamer.mfa',
        next: { idHash: 'behandelkamer.full', expiresAt: NOW + 3600 },
      }),
    ]);
    expect(results.map((r) => (r.kind === 'checked' ? r.result.kind : r.kind))).toEqual(['wrong', 'refused']);
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 1 });
  });
});
