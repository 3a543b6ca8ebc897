import type { SessionStore } from './session-store';
import type {
  SessionSecondFactorAttempt,
  SessionSecondFactorResult,
  VerifySecondFactor,
} from './verification-store';

/**
 * verifySessionSecondFactor from a store's own parts (SQLite's; PostgreSQL folds the read into its
 * transaction, postgres-session-second-factor.ts): the session guard's read (a live session and
 * its user), the stage check, then the one-transaction `verifySecondFactor` (whose own check that
 * the session is still live covers a logout in between). The SQLite thread runs this as one call.
 */
export async function verifySessionSecondFactor(
  store: Pick<SessionStore, 'getSessionUser'>,
  verifySecondFactor: VerifySecondFactor,
  a: SessionSecondFactorAttempt,
): Promise<SessionSecondFactorResult> {
  const found = await store.getSessionUser(a.sessionHash, a.now);
  if (!found) return { kind: 'no-session' };
  const { session, user } = found;
  if (session.stage !== 'mfa') return { kind: 'other-stage', stage: session.stage };
  const result = await verifySecondFactor({
    userId: user.id,
    authenticatorId: a.authenticatorId,
    now: a.now,
    limits: a.limits,
    check: a.check,
    prepare: a.prepare,
    rotate: {
      oldHash: session.idHash,
      next: {
        idHash: a.next.idHash,
        userId: user.id,
        stage: 'full',
        createdAt: a.now,
        expiresAt: a.next.expiresAt,
        authTime: session.authTime,
      },
    },
    remember: a.remember && { ...a.remember, userId: user.id, revoked: false },
  });
  return { kind: 'checked', session, user, result };
}
