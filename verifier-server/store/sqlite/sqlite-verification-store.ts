import { splitSessionKey } from '../session-key';
import { type AuthenticatorRow, type FailureRow, toAuthenticator } from '../store-rows';
import type { FailureOutcome } from '../throttle-store';
import type { SecondFactorAttempt, SecondFactorResult, VerifySecondFactor } from '../verification-store';
import type { SqliteDb } from './sqlite-db';
import { rotateSessionNow, saveRememberTokenNow } from './sqlite-session-store';
import { claimAttemptNow } from './sqlite-throttle-store';

/**
 * SECURITY #5: check-and-mark in one statement; exactly one concurrent caller changes the row.
 * Only a step later than the last accepted one passes (SECURITY #4).
 */
const ACCEPT_STEP =
  'UPDATE authenticators SET last_step = ?, last_used_at = ? WHERE id = ? AND user_id = ? AND last_step < ?';

export function sqliteVerifySecondFactor(shared: SqliteDb): VerifySecondFactor {
  const { db, statement } = shared;
  const sql = {
    authenticator: statement<AuthenticatorRow>('SELECT * FROM authenticators WHERE id = ? AND user_id = ?'),
    acceptStep: statement(ACCEPT_STEP),
    throttleState: statement<Pick<FailureRow, 'failed_attempts' | 'throttle_until' | 'locked'>>(
      'SELECT failed_attempts, throttle_until, locked FROM users WHERE id = ?',
    ),
    sessionLive: statement('SELECT 1 FROM sessions WHERE selector = ? AND validator_hash = ?'),
    resetFailures: statement(
      'UPDATE users SET failed_attempts = 0, throttle_until = 0, locked = 0 WHERE id = ?',
    ),
  };

  // IMMEDIATE: the write lock is held from the first read to the commit, so every process on the
  // file serialises here (better-sqlite3 is synchronous: nothing else in this thread runs meanwhile
  // either). Under that lock the attempt is as good as claimed (SECURITY #8, #31): no other attempt
  // can start until this one is decided and, if it failed, counted. So the counter is written only
  // when the code fails (or to end a run of failures): a right code changes two rows, not three.
  const verify = db.transaction((a: SecondFactorAttempt): SecondFactorResult => {
    const row = sql.authenticator.get(a.authenticatorId, a.userId);
    if (!row) return { kind: 'unknown-authenticator' };
    const authenticator = toAuthenticator(row);
    const prepared = a.prepare(authenticator);
    if ('refuse' in prepared) return { kind: 'not-prepared', refusal: prepared.refuse, authenticator };
    const state = sql.throttleState.get(a.userId);
    if (!state || state.locked === 1 || state.throttle_until > a.now) {
      return {
        kind: 'refused',
        locked: state?.locked === 1,
        throttleUntil: state?.throttle_until ?? a.now,
      };
    }
    const count = (): FailureOutcome => {
      const claim = claimAttemptNow(shared, a.userId, a.now, { ...a.limits, ignoreLock: false });
      // The state read above let this attempt through, and nothing can change it under the lock.
      if (!claim) throw new Error('the attempt could not be counted');
      return claim;
    };
    const step = prepared.match();
    if (step === null) return { kind: 'wrong', claim: count(), authenticator };
    // A session that ended meanwhile (logout in another tab) accepts nothing; the attempt still counts.
    const live = splitSessionKey(a.rotate.oldHash);
    if (sql.sessionLive.get(live.selector, live.validatorHash) === undefined)
      return { kind: 'session-gone', claim: count() };
    if (sql.acceptStep.run(step, a.now, a.authenticatorId, a.userId, step).changes !== 1)
      return { kind: 'replay', claim: count(), authenticator };
    rotateSessionNow(shared, a.rotate.oldHash, a.rotate.next);
    if (state.failed_attempts !== 0 || state.throttle_until !== 0) sql.resetFailures.run(a.userId);
    if (a.remember) saveRememberTokenNow(shared, a.remember);
    return { kind: 'accepted', authenticator };
  });

  return async (attempt) => verify.immediate(attempt);
}
