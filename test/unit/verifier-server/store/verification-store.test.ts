import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { joinSessionKey, splitSessionKey } from '../../../../verifier-server/store/session-key';
import type {
  SecondFactorAttempt,
  SecondFactorResult,
  Session,
  SessionSecondFactorResult,
  Store,
} from '../../../../verifier-server/store/store';
import { createTestStore, TEST_STORE, type TestStore } from '../../../support/verifier-test-store';

/**
 * verifySessionSecondFactor, the second step in one transaction as POST /login/code calls it, on
 * the project's store (SQLite in `unit`, PostgreSQL in `unit-pg`): SECURITY #4, #5 (replay
 * guard), #8, #31 (claim first), #14 (rotation), #18 (remember token).
 */

const LAST = 1000;
const NOW = 1_800_000_000;
const ID = 'a0000000-0000-4000-8000-000000000001';
const LIMITS = { maxDelay: 300, lockAfter: 10 };

let testStore: TestStore;
let store: Store;
let userId: number;
let otherUserId: number;
let sessions = 0;

const session = (idHash: string, stage: Session['stage'] = 'mfa'): Session => ({
  idHash,
  userId,
  stage,
  createdAt: NOW,
  expiresAt: NOW + 600,
  authTime: NOW,
});

/** A fresh half-logged-in session of the user (or of `owner`); returns its key (selector.validator hash). */
async function mfaSession(owner = userId): Promise<string> {
  const idHash = `mfa-${++sessions}.first`;
  await store.createSession({ ...session(idHash), userId: owner });
  return idHash;
}

/** The key a rotation gives the session `key`: the same selector, another validator. */
const rotated = (key: string, validator = 'full') => joinSessionKey(splitSessionKey(key).selector, validator);

/** An attempt from the session `oldHash`, in the terms of the check once the session is read. */
function attempt(
  oldHash: string,
  step: number | null,
  extra: Partial<Omit<SecondFactorAttempt, 'userId'>> = {},
): SecondFactorAttempt {
  return {
    userId,
    authenticatorId: ID,
    now: NOW,
    limits: LIMITS,
    // The stores here run `prepare`; `check` is for a store in another thread (sqlite-thread-store.test.ts).
    check: { code: '', nowMs: 0 },
    prepare: () => ({ match: () => step }),
    rotate: { oldHash, next: session(rotated(oldHash), 'full') },
    remember: null,
    ...extra,
  };
}

/**
 * The attempt as POST /login/code makes it: the session guard's read and the check in one store
 * call. The check's result; or, when no half-logged-in session was found, the read's answer.
 */
async function verify(
  a: SecondFactorAttempt,
): Promise<SecondFactorResult | Exclude<SessionSecondFactorResult, { kind: 'checked' }>> {
  const answer = await store.verifySessionSecondFactor({
    sessionHash: a.rotate.oldHash,
    authenticatorId: a.authenticatorId,
    now: a.now,
    limits: a.limits,
    check: a.check,
    prepare: a.prepare,
    next: { idHash: a.rotate.next.idHash, expiresAt: a.rotate.next.expiresAt },
    remember: a.remember && { tokenHash: a.remember.tokenHash, expiresAt: a.remember.expiresAt },
  });
  return answer.kind === 'checked' ? answer.result : answer;
}

beforeEach(async () => {
  testStore = await createTestStore();
  store = testStore.store;
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
  await store.savePendingEnrollment({
    sessionHash: 'enrolling',
    userId,
    authenticatorId: ID,
    name: 'Telefoon',
    secretSealed: new Uint8Array(48),
    otp: DEFAULT_TOTP,
    expiresAt: NOW + 600,
  });
  expect(await store.confirmEnrollment('enrolling', ID, LAST, NOW)).toMatchObject({ id: ID, lastStep: LAST });
});
afterEach(async () => {
  await testStore.close();
});

describe('the replay guard (SECURITY #4, #5)', () => {
  test.each([
    [0, LAST - 5, 'replay'],
    [1, LAST - 1, 'replay'],
    [2, LAST, 'replay'],
    [3, LAST + 1, 'accepted'],
    [4, LAST + 7, 'accepted'],
  ])('case %i: step %i after last step 1000 → %s', async (_i, step, kind) => {
    const before = await store.getAuthenticator(ID, userId);
    expect((await verify(attempt(await mfaSession(), step))).kind).toBe(kind);
    const after = await store.getAuthenticator(ID, userId);
    expect(after?.lastStep).toBe(kind === 'accepted' ? step : LAST);
    // "Laatst gebruikt" moves only when a code is accepted.
    expect(after?.lastUsedAt).toBe(kind === 'accepted' ? NOW : before?.lastUsedAt);
  });

  test('a step is accepted once; then only later ones', async () => {
    const kinds: string[] = [];
    for (const step of [LAST + 2, LAST + 2, LAST + 1, LAST + 3]) {
      // Each attempt after its predecessor's delay (1 s, 2 s), from a session of its own, while it lives.
      const later = { now: NOW + 10 * kinds.length };
      kinds.push((await verify(attempt(await mfaSession(), step, later))).kind);
    }
    expect(kinds).toEqual(['accepted', 'replay', 'replay', 'accepted']);
  });

  test('concurrent attempts with the same step from ten sessions: exactly one is accepted', async () => {
    const hashes = await Promise.all(Array.from({ length: 10 }, mfaSession));
    const results = await Promise.all(hashes.map((h) => verify(attempt(h, LAST + 1))));
    expect(results.filter((r) => r.kind === 'accepted')).toHaveLength(1);
    // The others were refused by the delay the first failure started, or found the step used.
    for (const r of results.filter((x) => x.kind !== 'accepted'))
      expect(['refused', 'replay']).toContain(r.kind);
    const full = await Promise.all(hashes.map((h) => store.getSession(rotated(h), NOW)));
    expect(full.filter((s) => s !== null)).toHaveLength(1);
  });
});

describe('before the claim: the chosen authenticator, read in the transaction (SECURITY #7, #9)', () => {
  test('prepare sees the authenticator; its refusal is returned and nothing is counted or matched', async () => {
    let seen: unknown;
    let matched = false;
    // A preparation that refuses; had the store matched anyway, it would have used this one's.
    const refusing = {
      refuse: 'format' as const,
      match: () => {
        matched = true;
        return LAST + 1;
      },
    };
    const result = await verify(
      attempt(await mfaSession(), LAST + 1, {
        prepare: (a) => {
          seen = a;
          return refusing;
        },
      }),
    );
    expect(result).toMatchObject({ kind: 'not-prepared', refusal: 'format', authenticator: { id: ID } });
    expect(seen).toMatchObject({ id: ID, userId, lastStep: LAST, digits: 6 });
    expect(matched).toBe(false);
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0, throttleUntil: 0 });
    // Nothing waits either: the next attempt is claimed at once.
    expect((await verify(attempt(await mfaSession(), LAST + 1))).kind).toBe('accepted');
  });

  test.each([
    [0, 'an unknown id', 'a0000000-0000-4000-8000-00000000ffff', () => userId],
    [1, "another user's authenticator (from that user's session)", ID, () => otherUserId],
  ])('case %i: %s is unknown: nothing counted', async (_i, _what, authenticatorId, owner) => {
    const result = await verify(attempt(await mfaSession(owner()), LAST + 1, { authenticatorId }));
    expect(result).toEqual({ kind: 'unknown-authenticator' });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0 });
    expect(await store.getUser(otherUserId)).toMatchObject({ failedAttempts: 0 });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
  });
});

describe('the claim comes first and counts (SECURITY #8, #31)', () => {
  test('a wrong code counts a failure and starts the delay; the next attempt within it is refused unmatched', async () => {
    const wrong = await verify(attempt(await mfaSession(), null));
    expect(wrong).toMatchObject({
      kind: 'wrong',
      claim: { failedAttempts: 1, throttleUntil: NOW + 1, locked: false },
    });
    let matched = false;
    const refused = await verify(
      attempt(await mfaSession(), LAST + 1, {
        prepare: () => ({
          match: () => {
            matched = true;
            return LAST + 1;
          },
        }),
      }),
    );
    expect(refused).toEqual({ kind: 'refused', locked: false, throttleUntil: NOW + 1 });
    expect(matched).toBe(false);
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 1 });
  });

  test('an accepted code ends the run of failures; a replay does not', async () => {
    await verify(attempt(await mfaSession(), null));
    const replay = await verify(attempt(await mfaSession(), LAST, { now: NOW + 1 }));
    expect(replay).toMatchObject({ kind: 'replay', claim: { failedAttempts: 2 } });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 2 });
    const ok = await verify(attempt(await mfaSession(), LAST + 1, { now: NOW + 3 }));
    expect(ok.kind).toBe('accepted');
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0, throttleUntil: 0, locked: false });
  });

  test('the claim that reaches lockAfter locks; then even the right code is refused as locked', async () => {
    const limits = { maxDelay: 0, lockAfter: 3 };
    for (let i = 1; i <= 3; i++) {
      const r = await verify(attempt(await mfaSession(), null, { limits }));
      expect(r).toMatchObject({ kind: 'wrong', claim: { failedAttempts: i, locked: i === 3 } });
    }
    const locked = await verify(attempt(await mfaSession(), LAST + 1, { limits }));
    expect(locked).toMatchObject({ kind: 'refused', locked: true });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
  });
});

describe('what an accepted code changes, in the same transaction (SECURITY #14, #18)', () => {
  test('the session moves to its new id in stage full, with its pending enrollment; its fallback code goes', async () => {
    const old = await mfaSession();
    await store.saveFallbackCode({
      sessionHash: old,
      channel: 'email',
      codeHash: 'h',
      expiresAt: NOW + 60,
      attempts: 0,
    });
    await store.savePendingEnrollment({
      sessionHash: old,
      userId,
      authenticatorId: 'a0000000-0000-4000-8000-000000000002',
      name: 'Tweede',
      secretSealed: new Uint8Array(48),
      otp: DEFAULT_TOTP,
      expiresAt: NOW + 600,
    });
    const remember = { tokenHash: 'remember-1', userId, expiresAt: NOW + 3600, revoked: false };
    expect((await verify(attempt(old, LAST + 1, { remember }))).kind).toBe('accepted');
    expect(await store.getSession(old, NOW)).toBeNull();
    expect(await store.getSession(rotated(old), NOW)).toMatchObject({ stage: 'full', userId });
    expect(await store.getFallbackCode(old, NOW)).toBeNull();
    expect(await store.getPendingEnrollment(rotated(old), NOW)).toMatchObject({ name: 'Tweede' });
    expect(await store.getRememberToken('remember-1')).toEqual(remember);
  });

  test('a refused, wrong or replayed code changes none of it', async () => {
    const remember = (n: number) => ({
      tokenHash: `remember-${n}`,
      userId,
      expiresAt: NOW + 3600,
      revoked: false,
    });
    const a = await mfaSession();
    expect((await verify(attempt(a, null, { remember: remember(1) }))).kind).toBe('wrong');
    const b = await mfaSession();
    expect((await verify(attempt(b, LAST + 1, { remember: remember(2) }))).kind).toBe('refused');
    const c = await mfaSession();
    const replay = attempt(c, LAST, { remember: remember(3), now: NOW + 1 });
    expect((await verify(replay)).kind).toBe('replay');
    for (const [i, h] of [a, b, c].entries()) {
      expect(await store.getSession(h, NOW)).toMatchObject({ stage: 'mfa' });
      expect(await store.getSession(rotated(h), NOW)).toBeNull();
      expect(await store.getRememberToken(`remember-${i + 1}`)).toBeNull();
    }
  });

  // PostgreSQL reads and locks the session in the check's transaction: a logout waits for the check
  // instead (postgres-session-second-factor.test.ts), so this race exists on SQLite only.
  test.runIf(TEST_STORE === 'sqlite')(
    'a session that ended between the read and the check accepts nothing: the step stays unused, the attempt counts',
    async () => {
      const gone = await mfaSession();
      // The race, forced: the session guard has read the session, then it ends.
      const read = store.getSessionUser;
      Object.assign(store, {
        getSessionUser: async (...args: Parameters<typeof read>) => {
          const found = await read(...args);
          if (found) await store.deleteSession(found.session.idHash);
          return found;
        },
      });
      const result = await verify(attempt(gone, LAST + 1)).finally(() =>
        Object.assign(store, { getSessionUser: read }),
      );
      expect(result).toMatchObject({ kind: 'session-gone', claim: { failedAttempts: 1 } });
      expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
      expect(await store.getSession(rotated(gone), NOW)).toBeNull();
      const later = await verify(attempt(await mfaSession(), LAST + 1, { now: NOW + 1 }));
      expect(later.kind).toBe('accepted');
    },
  );
});

describe('verifySessionSecondFactor: the session guard and the check in one call', () => {
  const byCookie = (sessionHash: string, step: number | null) => ({
    sessionHash,
    authenticatorId: ID,
    now: NOW,
    limits: LIMITS,
    check: { code: '', nowMs: 0 },
    prepare: () => ({ match: () => step }),
    next: { idHash: rotated(sessionHash, 'next'), expiresAt: NOW + 3600 },
    remember: { tokenHash: `${sessionHash}-remember`, expiresAt: NOW + 7 * 86_400 },
  });

  test('an unknown or expired session: nothing is checked or counted', async () => {
    expect(await store.verifySessionSecondFactor(byCookie('no-such.session', LAST + 1))).toEqual({
      kind: 'no-session',
    });
    const expired = await mfaSession();
    const later = { ...byCookie(expired, LAST + 1), now: NOW + 601 };
    expect(await store.verifySessionSecondFactor(later)).toEqual({ kind: 'no-session' });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0 });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
  });

  test("a half-logged-in session's selector with another validator: no session, nothing checked or counted", async () => {
    const real = await mfaSession();
    const forged = rotated(real, 'forged');
    let matched = false;
    const attempt = {
      ...byCookie(forged, LAST + 1),
      prepare: () => ({
        match: () => {
          matched = true;
          return LAST + 1;
        },
      }),
    };
    expect(await store.verifySessionSecondFactor(attempt)).toEqual({ kind: 'no-session' });
    expect(matched).toBe(false);
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0 });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
    expect(await store.getSession(real, NOW)).toMatchObject({ stage: 'mfa' });
    expect(await store.getSession(rotated(forged, 'next'), NOW)).toBeNull();
  });

  test('a session that is already full: its stage, nothing checked', async () => {
    await store.createSession(session('already.full', 'full'));
    expect(await store.verifySessionSecondFactor(byCookie('already.full', LAST + 1))).toEqual({
      kind: 'other-stage',
      stage: 'full',
    });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
  });

  test("accepted: the new session and the remember token are the old session's user's, with its auth time", async () => {
    const old = await mfaSession();
    const answer = await store.verifySessionSecondFactor(byCookie(old, LAST + 1));
    expect(answer).toMatchObject({
      kind: 'checked',
      session: { idHash: old, userId, stage: 'mfa' },
      user: { id: userId, username: 'anna' },
      result: { kind: 'accepted' },
    });
    expect(await store.getSession(old, NOW)).toBeNull();
    expect(await store.getSession(rotated(old, 'next'), NOW)).toEqual({
      idHash: rotated(old, 'next'),
      userId,
      stage: 'full',
      createdAt: NOW,
      expiresAt: NOW + 3600,
      authTime: NOW,
    });
    expect(await store.getRememberToken(`${old}-remember`)).toMatchObject({ userId, revoked: false });
  });

  test('the same step from two sessions at once: exactly one is accepted', async () => {
    const sessionsNow = [await mfaSession(), await mfaSession()];
    const answers = await Promise.all(
      sessionsNow.map((h) => store.verifySessionSecondFactor(byCookie(h, LAST + 1))),
    );
    const kinds = answers.map((a) => (a.kind === 'checked' ? a.result.kind : a.kind)).sort();
    expect(kinds).toEqual(['accepted', 'replay']);
  });

  test('refused while the account waits: nothing counted, the step still unused', async () => {
    const wrong = await store.verifySessionSecondFactor(byCookie(await mfaSession(), null));
    expect(wrong).toMatchObject({ kind: 'checked', result: { kind: 'wrong', claim: { failedAttempts: 1 } } });
    const refused = await store.verifySessionSecondFactor(byCookie(await mfaSession(), LAST + 1));
    expect(refused).toMatchObject({ kind: 'checked', result: { kind: 'refused', locked: false } });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 1 });
    expect((await store.getAuthenticator(ID, userId))?.lastStep).toBe(LAST);
  });

  test('a replay is counted as a failure; the next right code resets the count', async () => {
    const first = await store.verifySessionSecondFactor(byCookie(await mfaSession(), LAST + 1));
    expect(first).toMatchObject({ kind: 'checked', result: { kind: 'accepted' } });
    const again = await store.verifySessionSecondFactor(byCookie(await mfaSession(), LAST + 1));
    expect(again).toMatchObject({
      kind: 'checked',
      result: { kind: 'replay', claim: { failedAttempts: 1 } },
    });
    const later = { ...byCookie(await mfaSession(), LAST + 2), now: NOW + 301 };
    expect(await store.verifySessionSecondFactor(later)).toMatchObject({ result: { kind: 'accepted' } });
    expect(await store.getUser(userId)).toMatchObject({ failedAttempts: 0, throttleUntil: 0, locked: false });
  });
});
