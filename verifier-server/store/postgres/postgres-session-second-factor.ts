import { errorCode } from '../../error-code';
import { DatabaseUnavailableError } from '../database-unavailable';
import { rotationKeys, splitSessionKey } from '../session-key';
import { type AuthenticatorRow, toAuthenticator, toFailureOutcome, toSession, toUser } from '../store-rows';
import type {
  SecondFactorResult,
  SessionSecondFactorAttempt,
  SessionSecondFactorResult,
  VerificationStore,
} from '../verification-store';
import { createBatchQueue } from './batch-queue';
import type { PostgresDb } from './postgres-db';
import {
  READ_BATCH,
  type ReadRow,
  WRITE_BATCH,
  WRITE_ONE,
  type WriteItem,
  type WriteRow,
  writeValues,
} from './postgres-second-factor-statements';

/** Most attempts one statement carries. */
const MAX_BATCH = 64;
/**
 * Attempts that must be waiting before a second statement of a kind starts beside the first: a
 * lone attempt still goes at once, but under load a statement carries no fewer. (A decision can
 * carry fewer when some of the waiting attempts are on one account: those never share a
 * statement.) With two instances on one database each saw half the attempts, so their statements
 * carried half as many and each attempt cost PostgreSQL about a third more CPU (111–130 µs
 * against 85); with this, 93–107.
 */
const OVERLAP_AT = 8;

/** How the second step's statements are shared (create-postgres-store.ts). */
export interface SecondFactorBatching {
  /** Batches of reads under way at once; as many of decisions, and of attempts decided on their own. */
  readonly slots: number;
  /** An attempt that waited this long for its batch is answered 503 (the pool's own wait bound). */
  readonly maxWaitMs: number;
}

interface ReadItem {
  readonly selector: string;
  readonly validatorHash: string;
  readonly authenticatorId: string;
  readonly now: number;
}

/**
 * The second step on PostgreSQL as two statements, each shared by the attempts under way at the
 * same time (batch-queue.ts): the session guard's read (the session, its user and the chosen
 * authenticator; no lock); then, the HMAC in between, the decision: claim, replay guard,
 * acceptance or failure, in one statement under the rows' locks (WRITE_BATCH), one transaction and
 * one commit. The code is matched before the claim, from the read, but its step counts only if
 * the claim is made in that statement: an attempt refused there is answered 'refused', its match
 * unused (SECURITY #31). An account that must wait as read is refused at once, never locked, so a
 * flood of attempts on it does not queue on its row. Two attempts on the same account never share
 * a statement; each is decided under the user's row lock, so in some order, one after the other.
 * A session that ended (or rotated) between the read and the decision is 'no-session', nothing
 * counted, as if it had ended before ('session-gone' does not occur here).
 */
export function postgresSessionSecondFactor(
  db: PostgresDb,
  { slots, maxWaitMs }: SecondFactorBatching,
): Pick<VerificationStore, 'verifySessionSecondFactor'> {
  const queued = {
    maxBatch: MAX_BATCH,
    maxInFlight: slots,
    overlapAt: OVERLAP_AT,
    maxWaitMs,
    expired: () =>
      new DatabaseUnavailableError('the database is busy: an attempt waited too long for its turn'),
  };
  const read = createBatchQueue<ReadItem, ReadRow | undefined>(async (items) => {
    const rows = await db.query<ReadRow>(READ_BATCH, [
      items.map((x) => x.selector),
      items.map((x) => x.validatorHash),
      items.map((x) => x.authenticatorId),
      items.map((x) => x.now),
    ]);
    const byPlace = new Map(rows.map((r) => [r.i, r]));
    return items.map((_, i) => byPlace.get(i + 1));
  }, queued);
  // Attempts decided on their own wait for locks: their own slots, one attempt each, so one that
  // waits holds up no one else's answer, and they never take more of the pool than the others.
  const alone = createBatchQueue<WriteItem, WriteRow>((items) => writeAlone(db, items), {
    ...queued,
    maxBatch: 1,
    overlapAt: 1,
  });
  const decide = createBatchQueue<WriteItem, WriteRow>((items) => writeBatch(db, items, alone), {
    ...queued,
    keyOf: (x) => x.userId,
  });

  return {
    async verifySessionSecondFactor(a: SessionSecondFactorAttempt): Promise<SessionSecondFactorResult> {
      const key = splitSessionKey(a.sessionHash);
      const { nextValidatorHash } = rotationKeys(a.sessionHash, a.next.idHash);
      const row = await read({ ...key, authenticatorId: a.authenticatorId, now: a.now });
      if (!row) return { kind: 'no-session' };
      const session = toSession(row);
      if (session.stage !== 'mfa') return { kind: 'other-stage', stage: session.stage };
      const user = toUser(row);
      const checked = (result: SecondFactorResult) => ({ kind: 'checked', session, user, result }) as const;
      if (row.a_id === null) return checked({ kind: 'unknown-authenticator' });
      const authenticator = toAuthenticator(authenticatorOf(row, row.a_id));
      const prepared = a.prepare(authenticator);
      if ('refuse' in prepared)
        return checked({ kind: 'not-prepared', refusal: prepared.refuse, authenticator });
      if (user.locked || user.throttleUntil > a.now)
        return checked({ kind: 'refused', locked: user.locked, throttleUntil: user.throttleUntil });
      const step = prepared.match();
      const decided = await decide({
        userId: user.id,
        authenticatorId: authenticator.id,
        step,
        selector: key.selector,
        oldValidatorHash: key.validatorHash,
        nextValidatorHash,
        oldKey: a.sessionHash,
        nextKey: a.next.idHash,
        expiresAt: a.next.expiresAt,
        authTime: session.authTime,
        rememberHash: a.remember?.tokenHash ?? null,
        rememberExpiresAt: a.remember?.expiresAt ?? null,
        now: a.now,
        maxDelay: a.limits.maxDelay,
        lockAfter: a.limits.lockAfter,
      });
      if (decided.may === null) return { kind: 'no-session' };
      if (!decided.may)
        return checked({
          kind: 'refused',
          locked: decided.held_locked === true,
          throttleUntil: decided.held_until ?? 0,
        });
      if (decided.accepted) return checked({ kind: 'accepted', authenticator });
      if (decided.failed_attempts === null || decided.throttle_until === null || decided.locked === null)
        throw new Error('second step: a claimed attempt was neither accepted nor counted');
      const claim = toFailureOutcome({
        failed_attempts: decided.failed_attempts,
        throttle_until: decided.throttle_until,
        locked: decided.locked,
      });
      return checked({ kind: step === null ? 'wrong' : 'replay', claim, authenticator });
    },
  };
}

/**
 * Decides a batch with WRITE_BATCH, which skips rows another transaction holds. Each attempt it
 * left undecided (a row held elsewhere, or the session ended) goes to `alone`, to be decided on its
 * own; so does every attempt of a batch that failed with a conflict that may be one attempt's own
 * (SQLSTATE class 23 or 40), so that only the culprit fails. Those answers come later, each on its
 * own; the others are answered at once and the batch's slot is free. Nothing of a failed
 * statement is kept, so deciding again is safe.
 */
async function writeBatch(
  db: PostgresDb,
  items: readonly WriteItem[],
  alone: (item: WriteItem) => Promise<WriteRow>,
): Promise<(WriteRow | Promise<WriteRow>)[]> {
  let rows: WriteRow[];
  try {
    rows = await db.query<WriteRow>(WRITE_BATCH, writeValues(items));
  } catch (error) {
    if (!isOwnConflict(error)) throw error;
    return items.map(alone);
  }
  const byUser = new Map(rows.map((r) => [r.user_id, r]));
  return items.map((x) => {
    const row = byUser.get(x.userId);
    return row === undefined || row.may === null ? alone(x) : row;
  });
}

/** One attempt decided on its own by WRITE_ONE, which waits for its rows' locks. */
async function writeAlone(db: PostgresDb, items: readonly WriteItem[]): Promise<WriteRow[]> {
  const [row] = await db.query<WriteRow>(WRITE_ONE, writeValues(items));
  if (!row) throw new Error('second step: an attempt was not answered');
  return [row];
}

/** SQLSTATE class 23 (a constraint) or 40 (deadlock, serialization), under db.query's 503 wrapping. */
function isOwnConflict(error: unknown): boolean {
  const cause = error instanceof DatabaseUnavailableError ? error.cause : error;
  return /^(23|40)/.test(errorCode(cause));
}

const authenticatorOf = (r: ReadRow, id: string): AuthenticatorRow => ({
  id,
  user_id: r.user_id,
  name: r.a_name,
  secret_sealed: r.a_secret_sealed,
  algorithm: r.a_algorithm,
  digits: r.a_digits,
  period: r.a_period,
  last_step: r.a_last_step,
  created_at: r.a_created_at,
  last_used_at: r.a_last_used_at,
});
