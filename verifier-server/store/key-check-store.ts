import type { Authenticator } from './authenticator-store';

/**
 * The key check (table `key_check`, one row): a value derived from the master key
 * (auth/derive-keys.ts) that the first start records, so that every later start, of any instance,
 * can tell whether it holds the same key (startup/check-master-key.ts). It reveals nothing of the
 * key: HKDF output under a label of its own.
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
}
