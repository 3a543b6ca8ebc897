import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../../shared/otp-parameters';
import { createSqliteStore } from '../../../../../verifier-server/store/sqlite/create-sqlite-store';
import type { Store } from '../../../../../verifier-server/store/store';

const LAST = 1000;
const NOW = 1_800_000_000;

let store: Store;
let userId: number;
let otherUserId: number;
let id: string;

beforeEach(async () => {
  store = createSqliteStore(':memory:');
  const org = await store.createOrganisation('Praktijk', true);
  const add = async (username: string) =>
    (
      await store.createUser({
        organisationId: org.id,
        username,
        email: `${username}@praktijk.example`,
        mobile: null,
        passwordHash: 'x',
      })
    ).id;
  userId = await add('anna');
  otherUserId = await add('bram');
  id = 'a0000000-0000-4000-8000-000000000001';
  await store.savePendingEnrollment({
    sessionHash: 'session',
    userId,
    authenticatorId: id,
    name: 'Telefoon',
    secretSealed: new Uint8Array(48),
    otp: DEFAULT_TOTP,
    expiresAt: NOW + 600,
  });
  const added = await store.confirmEnrollment('session', LAST, NOW);
  expect(added).toMatchObject({ id, lastStep: LAST });
});
afterEach(async () => {
  await store.close();
});

describe('acceptStep: the replay guard (SECURITY #4, #5)', () => {
  test.each([
    [0, LAST - 5, false],
    [1, LAST - 1, false],
    [2, LAST, false],
    [3, LAST + 1, true],
    [4, LAST + 7, true],
  ])('case %i: step %i after last step 1000 → %s', async (_i, step, accepted) => {
    const before = await store.getAuthenticator(id, userId);
    expect(await store.acceptStep(id, userId, step, NOW + 30)).toBe(accepted);
    const after = await store.getAuthenticator(id, userId);
    expect(after?.lastStep).toBe(accepted ? step : LAST);
    // "Laatst gebruikt" moves only when a code is accepted.
    expect(after?.lastUsedAt).toBe(accepted ? NOW + 30 : before?.lastUsedAt);
  });

  test('a step is accepted once; then only later ones', async () => {
    expect(await store.acceptStep(id, userId, LAST + 2, NOW)).toBe(true);
    expect(await store.acceptStep(id, userId, LAST + 2, NOW)).toBe(false);
    expect(await store.acceptStep(id, userId, LAST + 1, NOW)).toBe(false);
    expect(await store.acceptStep(id, userId, LAST + 3, NOW)).toBe(true);
  });

  test('an accepted step ends the run of failures; a refused one does not', async () => {
    const limits = { maxDelay: 300, lockAfter: 10, ignoreLock: false };
    expect(await store.claimAttempt(userId, NOW, limits)).toMatchObject({ failedAttempts: 1 });
    expect(await store.acceptStep(id, userId, LAST, NOW)).toBe(false);
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 1 });
    expect(await store.acceptStep(id, userId, LAST + 1, NOW)).toBe(true);
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0, throttleUntil: 0, locked: false });
  });

  test('concurrent callers with the same step: exactly one wins', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, () => store.acceptStep(id, userId, LAST + 1, NOW)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  test.each([
    [0, 'another user', () => [id, otherUserId] as const],
    [1, 'an unknown authenticator', () => ['a0000000-0000-4000-8000-00000000ffff', userId] as const],
  ])('case %i: %s cannot mark the step', async (_i, _what, target) => {
    const [targetId, targetUser] = target();
    expect(await store.acceptStep(targetId, targetUser, LAST + 1, NOW)).toBe(false);
    expect((await store.getAuthenticator(id, userId))?.lastStep).toBe(LAST);
  });
});

describe('what a change implies happens in the same transaction (issue 9, finding 11)', () => {
  let dir: string;
  let fileStore: Store;
  let path: string;
  let user: number;
  let authenticator: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'verifier-tx-'));
    path = join(dir, 'verifier.db');
    fileStore = createSqliteStore(path);
    const org = await fileStore.createOrganisation('Praktijk', true);
    user = (
      await fileStore.createUser({
        organisationId: org.id,
        username: 'anna',
        email: 'anna@praktijk.example',
        mobile: null,
        passwordHash: 'old-hash',
      })
    ).id;
    authenticator = 'a0000000-0000-4000-8000-0000000000aa';
    await fileStore.savePendingEnrollment({
      sessionHash: 'pending',
      userId: user,
      authenticatorId: authenticator,
      name: 'Telefoon',
      secretSealed: new Uint8Array(48),
      otp: DEFAULT_TOTP,
      expiresAt: NOW + 600,
    });
    await fileStore.confirmEnrollment('pending', LAST, NOW);
    for (const [idHash, stage] of [
      ['kept', 'full'],
      ['other', 'full'],
    ] as const) {
      await fileStore.createSession({
        idHash,
        userId: user,
        stage,
        createdAt: NOW,
        expiresAt: NOW + 600,
        authTime: NOW,
      });
    }
    await fileStore.saveRememberToken({
      tokenHash: 'token',
      userId: user,
      expiresAt: NOW + 600,
      revoked: false,
    });
  });
  afterEach(async () => {
    await fileStore.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Another connection breaks the table the revocation writes, so the transaction fails halfway. */
  function breakRevocation() {
    const raw = new Database(path);
    raw.exec('ALTER TABLE remember_tokens RENAME TO remember_tokens_gone');
    raw.close();
  }

  test('a new password revokes remembered browsers and ends the other sessions', async () => {
    await fileStore.changePassword(user, 'new-hash', 'kept');
    expect((await fileStore.getUser(user))?.passwordHash).toBe('new-hash');
    expect((await fileStore.getRememberToken('token'))?.revoked).toBe(true);
    expect(await fileStore.getSession('kept', NOW)).not.toBeNull();
    expect(await fileStore.getSession('other', NOW)).toBeNull();
  });

  test('a new password whose revocation fails changes nothing', async () => {
    breakRevocation();
    await expect(fileStore.changePassword(user, 'new-hash', 'kept')).rejects.toThrow();
    expect((await fileStore.getUser(user))?.passwordHash).toBe('old-hash');
    expect(await fileStore.getSession('other', NOW)).not.toBeNull();
  });

  test('removing an authenticator revokes remembered browsers; when that fails it is not removed', async () => {
    const other = createSqliteStore(path);
    try {
      breakRevocation();
      await expect(other.removeAuthenticator(authenticator, user)).rejects.toThrow();
      expect(await other.getAuthenticator(authenticator, user)).not.toBeNull();
    } finally {
      await other.close();
    }
  });

  test('removing an authenticator revokes every remembered browser of its user', async () => {
    expect(await fileStore.removeAuthenticator(authenticator, user)).toBe(true);
    expect((await fileStore.getRememberToken('token'))?.revoked).toBe(true);
  });
});

describe('claimLoginAttempt: all counters or none (SECURITY #30, #31)', () => {
  const claims = [
    { keyHash: 'name@address', free: 2, maxDelay: 60 },
    { keyHash: 'name', free: 50, maxDelay: 60 },
  ];

  test('free attempts pass; then each waits 1, 2 … s; a waiting counter stops the other from counting', async () => {
    expect(await store.claimLoginAttempt(claims, NOW)).toEqual({ ok: true });
    expect(await store.claimLoginAttempt(claims, NOW)).toEqual({ ok: true });
    expect(await store.claimLoginAttempt(claims, NOW)).toEqual({ ok: true }); // the 3rd starts a 1 s wait
    expect(await store.claimLoginAttempt(claims, NOW)).toEqual({ ok: false, wait: 1 });
    expect(await store.claimLoginAttempt(claims, NOW + 1)).toEqual({ ok: true }); // the 4th: 2 s
    expect(await store.claimLoginAttempt(claims, NOW + 2)).toEqual({ ok: false, wait: 1 });
    // The name's own counter saw 4 claims, not the 6 asked: refused claims count nowhere.
    const nameOnly = [{ keyHash: 'name', free: 4, maxDelay: 60 }];
    expect(await store.claimLoginAttempt(nameOnly, NOW + 2)).toEqual({ ok: true }); // 5th > 4 free
    expect(await store.claimLoginAttempt(nameOnly, NOW + 2)).toEqual({ ok: false, wait: 1 });
  });

  test('a counter with a window counts only within it: a slow, steady rate is never slowed', async () => {
    const perHour = [{ keyHash: 'name', free: 3, maxDelay: 60, window: 3600 }];
    for (let hour = 0; hour < 5; hour++) {
      for (let i = 0; i < 3; i++)
        expect(await store.claimLoginAttempt(perHour, NOW + hour * 3600 + i * 60)).toEqual({ ok: true });
    }
    // Four in one hour: the fourth is counted and starts a wait.
    const start = NOW + 10 * 3600;
    for (let i = 0; i < 4; i++)
      expect(await store.claimLoginAttempt(perHour, start + i)).toEqual({ ok: true });
    expect(await store.claimLoginAttempt(perHour, start + 4)).toEqual({ ok: true });
    expect(await store.claimLoginAttempt(perHour, start + 4)).toEqual({ ok: false, wait: 2 });
  });

  test('a reset starts the named counters over, and only those', async () => {
    for (let i = 0; i < 3; i++) await store.claimLoginAttempt(claims, NOW);
    await store.resetLoginAttempts(['name@address']);
    expect(await store.claimLoginAttempt([claims[0] as (typeof claims)[0]], NOW)).toEqual({ ok: true });
    expect(await store.claimLoginAttempt(claims, NOW)).toEqual({ ok: true });
  });
});
