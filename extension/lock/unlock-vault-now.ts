import { recordActivity } from '../activity/record-activity';
import { readSettings } from '../settings/read-settings';
import { chromeLockStorage } from './chrome-storage';
import { openWithPassphrase } from './open-with-passphrase';
import { type UnlockResult, unlockWithPassphrase } from './unlock-with-passphrase';

/**
 * The extension pages' unlock: the throttle in chrome.storage.local, the session key in session
 * storage, the outcome in the activity log, and whether the passphrase is shorter than the minPassphraseLength in force now.
 */
export function unlockVaultNow(passphrase: string): Promise<UnlockResult> {
  return unlockWithPassphrase(passphrase, {
    storage: chromeLockStorage(),
    open: (p) => openWithPassphrase(p),
    minLength: async () => (await readSettings()).values.minPassphraseLength,
    record: (event) => recordActivity(event),
  });
}
