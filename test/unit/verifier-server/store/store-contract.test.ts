import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { DEFAULT_TOTP } from '../../../../shared/otp-parameters';
import { FULL_SESSIONS_PER_USER } from '../../../../verifier-server/store/session-cap';
import type { Store } from '../../../../verifier-server/store/store';
import { createTestDatabase, type TestDatabase } from '../../../support/verifier-test-database';
import { createTestStore, openTestStore, type TestStore } from '../../../support/verifier-test-store';

/** The Store contract on the project's store (SQLite in `unit`, PostgreSQL in `unit-pg`). */

const LAST = 1000;
const NOW = 1_800_000_000;

let testStore: TestStore;
let store: Store;
let userId: number;

beforeEach(async () => {
  testStore = await createTestStore();
  store = testStore.store;
  const org = await store.createOrganisation('Praktijk', true);
  userId = (
    await store.createUser({
      organisationId: org.id,
      username: 'anna',
      email: 'anna@praktijk.example',
      mobile: null,
      passwordHash: 'x',
    })
  ).id;
});
afterEach(async () => {
  await testStore.close();
});

describe('users and organisations', () => {
  test('names are unique and found without regard to case', async () => {
    const org = await store.findOrganisation('PRAKTIJK');
    expect(org?.name).toBe('Praktijk');
    await expect(store.createOrganisation('praktijk', false)).rejects.toThrow();
    expect((await store.findUserByName('ANNA'))?.id).toBe(userId);
    await expect(
      store.createUser({
        organisationId: org?.id ?? 0,
        username: 'Anna',
        email: 'a@praktijk.example',
        mobile: null,
        passwordHash: 'x',
      }),
    ).rejects.toThrow();
    expect(await store.countUsers()).toBe(1);
  });
});

describe('sessions: named by selector and validator together (SECURITY #14)', () => {
  const session = (idHash: string) => ({
    idHash,
    userId,
    stage: 'mfa' as const,
    createdAt: NOW,
    expiresAt: NOW + 600,
    authTime: NOW,
  });

  test("a session's selector with another validator reads, rotates and ends nothing", async () => {
    await store.createSession(session('balie.right'));
    expect(await store.getSession('balie.wrong', NOW)).toBeNull();
    expect(await store.getSessionUser('balie.wrong', NOW)).toBeNull();
    await expect(store.getSession('balie', NOW)).rejects.toThrow(/selector/);
    expect(await store.rotateSession('balie.wrong', { ...session('balie.next'), stage: 'full' })).toBe(false);
    await store.deleteSession('balie.wrong');
    expect(await store.getSession('balie.right', NOW)).toMatchObject({ idHash: 'balie.right', stage: 'mfa' });
    expect(await store.getSession('balie.next', NOW)).toBeNull();
  });

  test('a rotation replaces the validator: the old key opens nothing, the new one the same session', async () => {
    await store.createSession(session('balie.first'));
    expect(await store.rotateSession('balie.first', { ...session('balie.second'), stage: 'full' })).toBe(
      true,
    );
    expect(await store.getSession('balie.first', NOW)).toBeNull();
    expect(await store.getSession('balie.second', NOW)).toMatchObject({ stage: 'full', userId });
    expect(await store.rotateSession('balie.first', { ...session('balie.third'), stage: 'full' })).toBe(
      false,
    );
    await expect(store.rotateSession('balie.second', session('other.third'))).rejects.toThrow(/selector/);
    expect(await store.getSession('balie.second', NOW)).toMatchObject({ stage: 'full' });
  });

  test('a second session of the same selector cannot be made', async () => {
    await store.createSession(session('balie.first'));
    await expect(store.createSession(session('balie.second'))).rejects.toThrow();
    expect(await store.getSession('balie.second', NOW)).toBeNull();
  });
});

describe('what a change implies happens in the same transaction (issue 9, finding 11)', () => {
  let database: TestDatabase;
  let fileStore: Store;
  let user: number;
  let authenticator: string;
  beforeEach(async () => {
    database = await createTestDatabase();
    fileStore = await openTestStore(database.config);
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
    await fileStore.confirmEnrollment('pending', authenticator, LAST, NOW);
    for (const [idHash, stage] of [
      ['kept.first', 'full'],
      ['other.first', 'full'],
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
    await database.remove();
  });

  /** Another connection breaks the table the revocation writes, so the transaction fails halfway. */
  const breakRevocation = () => database.query('ALTER TABLE remember_tokens RENAME TO remember_tokens_gone');

  test('a new password revokes remembered browsers and ends the other sessions', async () => {
    await fileStore.changePassword(user, 'new-hash', 'kept.first');
    expect((await fileStore.getUser(user))?.passwordHash).toBe('new-hash');
    expect((await fileStore.getRememberToken('token'))?.revoked).toBe(true);
    expect(await fileStore.getSession('kept.first', NOW)).not.toBeNull();
    expect(await fileStore.getSession('other.first', NOW)).toBeNull();
  });

  test('a new password keeps only the exact session: one rotated meanwhile (same selector) ends too', async () => {
    // Someone with the cookie and the old password confirmed it (/account/reauth) while the change ran.
    const next = {
      idHash: 'kept.second',
      userId: user,
      stage: 'full' as const,
      createdAt: NOW,
      expiresAt: NOW + 600,
      authTime: NOW,
    };
    expect(await fileStore.rotateSession('kept.first', next)).toBe(true);
    await fileStore.changePassword(user, 'new-hash', 'kept.first');
    expect(await fileStore.getSession('kept.second', NOW)).toBeNull();
    expect(await fileStore.getSession('other.first', NOW)).toBeNull();
  });

  test('a new password whose revocation fails changes nothing', async () => {
    await breakRevocation();
    await expect(fileStore.changePassword(user, 'new-hash', 'kept.first')).rejects.toThrow();
    expect((await fileStore.getUser(user))?.passwordHash).toBe('old-hash');
    expect(await fileStore.getSession('other.first', NOW)).not.toBeNull();
  });

  test('"Vergeet alle browsers" revokes them and ends the other sessions, all or nothing', async () => {
    await fileStore.forgetBrowsers(user, 'kept.first');
    expect((await fileStore.getRememberToken('token'))?.revoked).toBe(true);
    expect(await fileStore.getSession('kept.first', NOW)).not.toBeNull();
    expect(await fileStore.getSession('other.first', NOW)).toBeNull();

    await fileStore.createSession({
      idHash: 'third.first',
      userId: user,
      stage: 'full',
      createdAt: NOW,
      expiresAt: NOW + 600,
      authTime: NOW,
    });
    await fileStore.saveRememberToken({
      tokenHash: 'token-2',
      userId: user,
      expiresAt: NOW + 600,
      revoked: false,
    });
    // Ending the sessions fails (a trigger refuses the delete; the table stays readable, as the
    // PostgreSQL store locks its rows first): the revocation is undone with it.
    const refuseDeletes =
      database.kind === 'sqlite'
        ? [
            `CREATE TRIGGER refuse_deletes BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'refused'); END`,
          ]
        : [
            `CREATE FUNCTION refuse_deletes() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$`,
            'CREATE TRIGGER refuse_deletes BEFORE DELETE ON sessions FOR EACH ROW EXECUTE FUNCTION refuse_deletes()',
          ];
    for (const statement of refuseDeletes) await database.query(statement);
    await expect(fileStore.forgetBrowsers(user, 'kept.first')).rejects.toThrow();
    await database.query(
      database.kind === 'sqlite' ? 'DROP TRIGGER refuse_deletes' : 'DROP TRIGGER refuse_deletes ON sessions',
    );
    expect((await fileStore.getRememberToken('token-2'))?.revoked).toBe(false);
    expect(await fileStore.getSession('third.first', NOW)).not.toBeNull();
    // The revocation failing: no session ends.
    await breakRevocation();
    await expect(fileStore.forgetBrowsers(user, 'kept.first')).rejects.toThrow();
    expect(await fileStore.getSession('third.first', NOW)).not.toBeNull();
  });

  test('removing an authenticator revokes remembered browsers; when that fails it is not removed', async () => {
    const other = await openTestStore(database.config);
    try {
      await breakRevocation();
      await expect(other.removeAuthenticator(authenticator, user, 'kept.first')).rejects.toThrow();
      expect(await other.getAuthenticator(authenticator, user)).not.toBeNull();
      expect(await other.getSession('other.first', NOW)).not.toBeNull();
    } finally {
      await other.close();
    }
  });

  test('removing an authenticator revokes every remembered browser of its user and ends the other sessions', async () => {
    expect(await fileStore.removeAuthenticator(authenticator, user, 'kept.first')).toBe(true);
    expect((await fileStore.getRememberToken('token'))?.revoked).toBe(true);
    expect(await fileStore.getSession('kept.first', NOW)).not.toBeNull();
    expect(await fileStore.getSession('other.first', NOW)).toBeNull();
  });

  test('removing an authenticator keeps only the exact session: one rotated meanwhile (same selector) ends too', async () => {
    const next = {
      idHash: 'kept.second',
      userId: user,
      stage: 'full' as const,
      createdAt: NOW,
      expiresAt: NOW + 600,
      authTime: NOW,
    };
    expect(await fileStore.rotateSession('kept.first', next)).toBe(true);
    expect(await fileStore.removeAuthenticator(authenticator, user, 'kept.first')).toBe(true);
    expect(await fileStore.getSession('kept.second', NOW)).toBeNull();
    expect(await fileStore.getSession('other.first', NOW)).toBeNull();
  });

  describe('the ended sessions take their pending enrollments along (SECURITY #17; attacker review)', () => {
    const pendingIds = {
      kept: 'a0000000-0000-4000-8000-0000000000c1',
      other: 'a0000000-0000-4000-8000-0000000000c2',
    };
    beforeEach(async () => {
      for (const [sessionHash, authenticatorId] of [
        ['kept.first', pendingIds.kept],
        ['other.first', pendingIds.other],
      ] as const) {
        await fileStore.savePendingEnrollment({
          sessionHash,
          userId: user,
          authenticatorId,
          name: `Nieuw ${authenticatorId.slice(-2)}`,
          secretSealed: new Uint8Array(48),
          otp: DEFAULT_TOTP,
          expiresAt: NOW + 600,
        });
      }
    });

    test.each([
      ['a new password', () => fileStore.changePassword(user, 'new-hash', 'kept.first')],
      ['"Vergeet alle browsers"', () => fileStore.forgetBrowsers(user, 'kept.first')],
      ['removing an authenticator', () => fileStore.removeAuthenticator(authenticator, user, 'kept.first')],
    ])(
      '%s: an ended session can neither read nor confirm its pending secret; the kept one can',
      async (_, change) => {
        await change();
        expect(await fileStore.getPendingEnrollment('other.first', NOW)).toBeNull();
        expect(await fileStore.confirmEnrollment('other.first', pendingIds.other, LAST + 1, NOW)).toBeNull();
        expect(await fileStore.getPendingEnrollment('kept.first', NOW)).toMatchObject({
          authenticatorId: pendingIds.kept,
        });
        expect(await fileStore.confirmEnrollment('kept.first', pendingIds.kept, LAST + 1, NOW)).toMatchObject(
          {
            id: pendingIds.kept,
          },
        );
      },
    );

    test('a new password set by the administrator (no session kept) ends every pending enrollment', async () => {
      await fileStore.changePassword(user, 'new-hash', null);
      expect(await fileStore.getPendingEnrollment('kept.first', NOW)).toBeNull();
      expect(await fileStore.getPendingEnrollment('other.first', NOW)).toBeNull();
    });
  });

  test('removing an authenticator that is not there changes nothing', async () => {
    expect(await fileStore.removeAuthenticator('a0000000-0000-4000-8000-0000000000bb', user, null)).toBe(
      false,
    );
    expect((await fileStore.getRememberToken('token'))?.revoked).toBe(false);
    expect(await fileStore.getSession('other.first', NOW)).not.toBeNull();
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

describe('fallback sends: the hourly caps and when they admit a send again', () => {
  const limits = (at: number, perClient: number, perAccount: number) => ({
    since: at - 3600,
    perClient,
    perAccount,
  });
  const send = (sentAt: number, client = 'a') => ({ sentAt, client });

  test("recordFallbackSend counts the window's sends; listFallbackSends names them, oldest first", async () => {
    for (const at of [NOW + 120, NOW, NOW + 60])
      expect(await store.recordFallbackSend(userId, send(at), limits(at, 3, 3))).toBe(true);
    expect(await store.recordFallbackSend(userId, send(NOW + 180), limits(NOW + 180, 3, 3))).toBe(false);
    expect(await store.listFallbackSends(userId, NOW - 1)).toEqual([
      send(NOW),
      send(NOW + 60),
      send(NOW + 120),
    ]);
    // `since` is exclusive, as in the cap's count.
    expect(await store.listFallbackSends(userId, NOW)).toEqual([send(NOW + 60), send(NOW + 120)]);
    expect(await store.listFallbackSends(userId + 1, NOW - 1)).toEqual([]);
  });

  test('SECURITY #19: a client that reached its cap leaves the account sends for other clients, up to the ceiling', async () => {
    for (let i = 0; i < 3; i++)
      expect(await store.recordFallbackSend(userId, send(NOW + i, 'a'), limits(NOW + i, 3, 5))).toBe(true);
    expect(await store.recordFallbackSend(userId, send(NOW + 3, 'a'), limits(NOW + 3, 3, 5))).toBe(false);
    expect(await store.recordFallbackSend(userId, send(NOW + 4, 'b'), limits(NOW + 4, 3, 5))).toBe(true);
    expect(await store.recordFallbackSend(userId, send(NOW + 5, 'c'), limits(NOW + 5, 3, 5))).toBe(true);
    // The account's ceiling holds for every client, a new one too.
    expect(await store.recordFallbackSend(userId, send(NOW + 6, 'd'), limits(NOW + 6, 3, 5))).toBe(false);
    expect(await store.recordFallbackSend(userId, send(NOW + 7, 'b'), limits(NOW + 7, 3, 5))).toBe(false);
    expect((await store.listFallbackSends(userId, NOW - 1)).map((s) => s.client)).toEqual([
      'a',
      'a',
      'a',
      'b',
      'c',
    ]);
  });

  test('SECURITY #19: a device of the user (no ceiling, perAccount Infinity) sends past the ceiling under its own cap; its sends count for the others', async () => {
    for (let i = 0; i < 5; i++)
      expect(await store.recordFallbackSend(userId, send(NOW + i, `n${i}`), limits(NOW + i, 3, 5))).toBe(
        true,
      );
    expect(await store.recordFallbackSend(userId, send(NOW + 5, 'n9'), limits(NOW + 5, 3, 5))).toBe(false);
    const device = limits(NOW + 6, 3, Number.POSITIVE_INFINITY);
    for (let i = 0; i < 3; i++)
      expect(await store.recordFallbackSend(userId, send(NOW + 6, 'device'), device)).toBe(true);
    expect(await store.recordFallbackSend(userId, send(NOW + 6, 'device'), device)).toBe(false);
    expect(await store.listFallbackSends(userId, NOW - 1)).toHaveLength(8);
  });

  test('parallel sends from many clients cannot pass either cap together', async () => {
    const clients = ['a', 'a', 'a', 'a', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const results = await Promise.all(
      clients.map((client) => store.recordFallbackSend(userId, send(NOW, client), limits(NOW, 2, 6))),
    );
    expect(results.filter(Boolean)).toHaveLength(6);
    const stored = (await store.listFallbackSends(userId, NOW - 1)).map((s) => s.client);
    expect(stored).toHaveLength(6);
    expect(stored.filter((c) => c === 'a').length).toBeLessThanOrEqual(2);
  });
});

describe('purgeExpired: what has expired goes, safe when every instance runs it', () => {
  test('expired rows go, live ones stay; two purges at once both succeed', async () => {
    const day = 24 * 3600;
    const session = (idHash: string, expiresAt: number) => ({
      idHash,
      userId,
      stage: 'full' as const,
      createdAt: NOW - 2 * day,
      expiresAt,
      authTime: NOW - 2 * day,
    });
    await store.createSession(session('old.v', NOW - 1));
    await store.createSession(session('live.v', NOW + 600));
    for (const [sessionHash, expiresAt] of [
      ['old.v', NOW - 1],
      ['live.v', NOW + 600],
    ] as const) {
      await store.saveFallbackCode({ sessionHash, channel: 'email', codeHash: 'h', expiresAt, attempts: 0 });
      await store.saveRememberToken({
        tokenHash: `token-${sessionHash.split('.')[0]}`,
        userId,
        expiresAt,
        revoked: false,
      });
    }
    await store.addOutboxMessage({ sealed: new Uint8Array([1]), sentAt: (NOW - 2 * day) * 1000 });
    await store.addOutboxMessage({ sealed: new Uint8Array([2]), sentAt: NOW * 1000 });

    await Promise.all([store.purgeExpired(NOW), store.purgeExpired(NOW)]);

    expect(await store.getSession('old.v', NOW - 10)).toBeNull();
    expect(await store.getSession('live.v', NOW)).not.toBeNull();
    expect(await store.getFallbackCode('old.v', NOW - 10)).toBeNull();
    expect(await store.getFallbackCode('live.v', NOW)).not.toBeNull();
    expect(await store.getRememberToken('token-old')).toBeNull();
    expect(await store.getRememberToken('token-live')).not.toBeNull();
    expect((await store.listOutbox(10)).map((m) => [...m.sealed])).toEqual([[2]]);
  });
});

describe('purgeExpired: a user keeps at most FULL_SESSIONS_PER_USER logged-in sessions', () => {
  const session = (idHash: string, user: number, stage: 'mfa' | 'full', createdAt: number) => ({
    idHash,
    userId: user,
    stage,
    createdAt,
    expiresAt: NOW + 3600,
    authTime: createdAt,
  });

  test("the oldest beyond it go; half-finished logins and another user's sessions stay", async () => {
    const cap = FULL_SESSIONS_PER_USER;
    const other = (
      await store.createUser({
        organisationId: (await store.findUserByName('anna'))?.organisationId ?? 0,
        username: 'bram',
        email: 'bram@praktijk.example',
        mobile: null,
        passwordHash: 'x',
      })
    ).id;
    // Logged in again and again with a remember token: cap + 20 sessions, a second apart.
    for (let i = 0; i < cap + 20; i++)
      await store.createSession(session(`full${i}.v`, userId, 'full', NOW + i));
    // Half-finished logins, older than all of them: not capped (they expire within minutes), so
    // someone who knows only the password cannot end the real user's login this way.
    for (let i = 0; i < 30; i++)
      await store.createSession(session(`half${i}.v`, userId, 'mfa', NOW - 100 + i));
    await store.createSession(session('bram.v', other, 'full', NOW - 5000));

    await Promise.all([store.purgeExpired(NOW), store.purgeExpired(NOW)]);

    const kept = [];
    for (let i = 0; i < cap + 20; i++) if ((await store.getSession(`full${i}.v`, NOW)) !== null) kept.push(i);
    // The newest `cap` stay: the login of a moment ago is not the one ended.
    expect(kept).toEqual(Array.from({ length: cap }, (_, i) => i + 20));
    for (let i = 0; i < 30; i++) expect(await store.getSession(`half${i}.v`, NOW)).not.toBeNull();
    expect(await store.getSession('bram.v', NOW)).not.toBeNull();
  });

  test('at the bound nothing goes', async () => {
    for (let i = 0; i < FULL_SESSIONS_PER_USER; i++)
      await store.createSession(session(`s${i}.v`, userId, 'full', NOW + i));
    await store.purgeExpired(NOW);
    for (let i = 0; i < FULL_SESSIONS_PER_USER; i++)
      expect(await store.getSession(`s${i}.v`, NOW)).not.toBeNull();
  });
});
