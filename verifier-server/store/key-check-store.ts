import type { Authenticator } from './authenticator-store';

/** A TOTP secret as stored, sealed with the master key and bound to its authenticator's id and user. */
export interface SealedTotpRow {
  /** The row: `authenticators.id`, or `pending_enrollments.session_hash`. */
  readonly row: string;
  readonly authenticatorId: string;
  readonly userId: number;
  readonly sealed: Uint8Array;
}

/** A development outbox message as stored, sealed with the master key. */
export interface SealedOutboxRow {
  readonly id: number;
  readonly sealed: Uint8Array;
}

/** Every value in the database sealed with the master key. */
export interface SealedValues {
  readonly authenticators: readonly SealedTotpRow[];
  readonly pendingEnrollments: readonly SealedTotpRow[];
  readonly outbox: readonly SealedOutboxRow[];
}

/** A value sealed again: the row, what it held when read, and what it holds after. */
export interface Resealed<Row> {
  readonly row: Row;
  readonly before: Uint8Array;
  readonly after: Uint8Array;
}

/** Every sealed value sealed again under a new master key, and the key checks of both keys. */
export interface KeyReplacement {
  readonly keyCheckBefore: string;
  readonly keyCheckAfter: string;
  readonly authenticators: readonly Resealed<string>[];
  readonly pendingEnrollments: readonly Resealed<string>[];
  readonly outbox: readonly Resealed<number>[];
}

export type KeyReplacementResult =
  | { readonly outcome: 'replaced'; readonly fallbackCodesRemoved: number }
  /** An instance runs (SQLite: another connection has the file open; PostgreSQL: one holds the instance lock). */
  | { readonly outcome: 'in-use' }
  /** The database no longer holds what was read (something wrote meanwhile). */
  | { readonly outcome: 'changed' };

/**
 * The key check (table `key_check`, one row): a value derived from the master key
 * (auth/derive-keys.ts) that the first start records, so that every later start, of any instance,
 * can tell whether it holds the same key (startup/check-master-key.ts). It reveals nothing of the
 * key: HKDF output under a label of its own. Also what a change of master key reads and writes.
 */
export interface KeyCheckStore {
  /** The recorded key check, or null before any start recorded one. */
  getKeyCheck(): Promise<string | null>;
  /** Records `value` unless one is recorded (another instance was first); returns the recorded one. */
  claimKeyCheck(value: string): Promise<string>;
  /** Records `value` in place of any recorded one (reset-key-check, after a key was lost or replaced). */
  replaceKeyCheck(value: string): Promise<void>;
  /** Up to `limit` authenticators, newest first: sealed secrets a key must open (all of them for reset-key-check). */
  newestAuthenticators(limit: number): Promise<Authenticator[]>;
  /**
   * Marks this process as a serving instance for as long as the store is open, which rotate-key
   * refuses to run beside. SQLite: nothing to do (every open connection holds a shared lock on the
   * file). PostgreSQL: a shared advisory lock on a session of its own (postgres-instance-lock.ts),
   * taken again when that session was lost; rejects when the database cannot be reached.
   */
  holdInstanceLock(): Promise<void>;
  /** Every sealed value, as stored (rotate-key). */
  sealedValues(): Promise<SealedValues>;
  /**
   * Replaces every sealed value and the key check in one transaction (rotate-key), if no serving
   * instance runs on the database and it still holds exactly what was read: the key
   * check `keyCheckBefore`, each value as it was, and no other sealed row. Unused fallback codes
   * are removed: they are hashed with a key derived from the master key, and cannot be hashed
   * again without the codes. Anything else changes nothing.
   */
  replaceKey(replacement: KeyReplacement): Promise<KeyReplacementResult>;
}
