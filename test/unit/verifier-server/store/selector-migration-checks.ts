import { expect } from 'vitest';
import type { Store } from '../../../../verifier-server/store/store';

/**
 * What the migration to selector and validator (SQLite 4, PostgreSQL 2) must leave, on a database
 * that held user 1 "anna" with authenticator "Chrome plugin balie" and, under the session id 'old',
 * a session, a fallback code and a pending enrollment: the user and the authenticator; none of the
 * old session's rows; a sessions table that takes a session named 'sel.val' and matches both parts.
 */
export async function expectSelectorMigration(store: Store): Promise<void> {
  expect(await store.findUserByName('anna')).toMatchObject({ email: 'a@p.example' });
  expect(await store.listAuthenticators(1)).toEqual([
    expect.objectContaining({ name: 'Chrome plugin balie' }),
  ]);
  expect(await store.getFallbackCode('old', 0)).toBeNull();
  expect(await store.getPendingEnrollment('old', 0)).toBeNull();
  await store.createSession({
    idHash: 'sel.val',
    userId: 1,
    stage: 'mfa',
    createdAt: 0,
    expiresAt: 2e9,
    authTime: 0,
  });
  expect(await store.getSession('sel.val', 1)).toMatchObject({ userId: 1 });
  expect(await store.getSession('sel.other', 1)).toBeNull();
}
