import { type AuthenticatorRow, type FailureRow, toAuthenticator } from '../store-rows';
import type { SecondFactorAttempt, SecondFactorResult, VerificationStore } from '../verification-store';
import type { SqliteDb } from './sqlite-db';
import { rotateSessionNow, saveRememberTokenNow } from './sqlite-session-store';
import { claimAttemptNow } from './sqlite-throttle-store';

/**
 * SECURITY #5: check-and-mark in one statement; exactly one concurrent caller changes the row.
 * Only a step later than the last accepted one passes (SECURITY #4).
 */
const ACCEPT_STEP =
  'UPDATE authenticators SET last_step = ?, last_used_at = ? WHERE id = ? AND user_id = ? AND last_step < ?';

export function sqliteVerificationStore(shared: SqliteDb): VerificationStore {
  const { db, statement } = shared;
  const sql = {
    authenticator: statement<AuthenticatorRow>('SELECT * FROM authenticators WHERE id = ? AND user_id = ?'),
    acceptStep: statement(ACCEPT_STEP),
    throttleState: statement<Pick<FailureRow, 'throttle_until' | 'locked'>>(
      'SELECT throttle_until, locked FROM users WHERE id = ?',
    ),
    sessionLive: statement('SELECT 1 FROM sessions WHERE id_hash = ?'),
    resetFailures: statement(
      'UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = 0 WHERE id = ?',
    ),
  };

  // IMMEDIATE: the write lock is held from the read to the commit, so every process on the file
  // serialises here; better-sqlite3 is synchronous, so nothing else in this process runs meanwhile.
  const verify = db.transaction((a: SecondFactorAttempt): SecondFactorResult => {
    const row = sql.authenticator.get(a.authenticatorId, a.userId);
    if (!row) return { kind: 'unknown-authenticator' };
    const authenticator = toAuthenticator(row);
    const prepared = a.prepare(authenticator);
    if ('refuse' in prepared) return { kind: 'not-prepared', refusal: prepared.refuse, authenticator };
    const claim = claimAttemptNow(shared, a.userId, a.now, { ...a.limits, ignoreLock: false });
    if (!claim) {
      const state = sql.throttleState.get(a.userId);
      return {
        kind: 'refused',
        locked: state?.locked === 1,
        throttleUntil: state?.throttle_until ?? a.now,
      };
    }
    const step = prepared.match();
    if (step === null) return { kind: 'wrong', claim, authenticator };
    // A session that ended meanwhile (logout in another tab) accepts nothing; the claim still counts.
    if (sql.sessionLive.get(a.rotate.oldHash) === undefined) return { kind: 'session-gone', claim };
    if (sql.acceptStep.run(step, a.now, a.authenticatorId, a.userId, step).changes !== 1)
      return { kind: 'replay', claim, authenticator };
    rotateSessionNow(shared, a.rotate.oldHash, a.rotate.next);
    sql.resetFailures.run(a.userId);
    if (a.remember) saveRememberTokenNow(shared, a.remember);
    return { kind: 'accepted', authenticator };
  });

  return {
    async verifySecondFactor(attempt) {
      return verify.immediate(attempt);
    },
  };
}
