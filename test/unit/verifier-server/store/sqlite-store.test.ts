import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createSqliteStore } from '../../../../verifier-server/store/sqlite-store';
import type { Store } from '../../../../verifier-server/store/store';

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
