import type { SealedTotpRow } from './key-check-store';

/** A sealed TOTP secret as both stores select it for a key replacement (key-check-store.ts). */
export interface SealedTotpSqlRow {
  row: string;
  authenticator_id: string;
  user_id: number;
  sealed: Buffer;
}

export const toSealedTotp = (r: SealedTotpSqlRow): SealedTotpRow => ({
  row: r.row,
  authenticatorId: r.authenticator_id,
  userId: r.user_id,
  sealed: new Uint8Array(r.sealed),
});

/** The selects of every sealed value, the same in both dialects. */
export const SEALED_SELECTS = {
  authenticators:
    'SELECT id AS row, id AS authenticator_id, user_id, secret_sealed AS sealed FROM authenticators ORDER BY id',
  pendingEnrollments:
    'SELECT session_hash AS row, authenticator_id, user_id, secret_sealed AS sealed FROM pending_enrollments ORDER BY session_hash',
  outbox: 'SELECT id, sealed FROM outbox ORDER BY id',
} as const;

/** Thrown inside a key replacement's transaction to roll it back: the database differed from what was read. */
export class SealedValuesDiffered extends Error {
  override name = 'SealedValuesDiffered';
}
