import { type ClockCorrection, readStoredCorrection } from '../drift/clock-offset';
import { chromeLockStorage, type LockStorage } from '../lock/chrome-storage';
import { loadSession } from '../lock/session-store';
import { type EffectiveSettings, readSettings } from '../settings/read-settings';
import { openVault, type Vault } from '../vault';

/** What the popup reads before it renders anything, all started at once. */
export interface StartedPopup {
  readonly storage: LockStorage;
  /**
   * The vault, opened with the session key of an unlocked passphrase vault, its snapshot read and
   * decrypted ahead of the first listing. The database opens while the session key is read. A
   * locked vault rejects with VaultLockedError before anything is decrypted (SECURITY #34).
   */
  readonly vault: Promise<Vault>;
  readonly settings: Promise<EffectiveSettings>;
  /** The clock correction the user accepted, and its site; NO_CORRECTION when none. */
  readonly clockOffset: Promise<ClockCorrection>;
}

export function startPopup(): StartedPopup {
  const storage = chromeLockStorage();
  const vault = openVault({ prefetch: true, session: loadSession(storage.session) });
  const settings = readSettings();
  const clockOffset = readStoredCorrection(storage.local);
  // Whoever awaits them sees a failure; until then (or if nobody does) it is not unhandled.
  for (const read of [vault, settings, clockOffset]) read.catch(() => undefined);
  return { storage, vault, settings, clockOffset };
}
