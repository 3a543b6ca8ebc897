import type { ActivityEvent } from '../activity/activity-event';
import { recordActivity } from '../activity/record-activity';
import { readSettings } from '../settings/read-settings';
import { chromeLockStorage } from './chrome-storage';
import { openWithPassphrase } from './open-with-passphrase';
import { type UnlockResult, unlockWithPassphrase } from './unlock-with-passphrase';

function unlockNow(
  passphrase: string,
  record: (event: ActivityEvent) => Promise<void>,
): Promise<UnlockResult> {
  return unlockWithPassphrase(passphrase, {
    storage: chromeLockStorage(),
    open: (p) => openWithPassphrase(p),
    minLength: async () => (await readSettings()).values.minPassphraseLength,
    record,
  });
}

/**
 * The extension pages' unlock: the throttle in chrome.storage.local, the session key in session
 * storage, the outcome in the activity log, and whether the passphrase is shorter than the
 * minPassphraseLength in force now.
 */
export function unlockVaultNow(passphrase: string): Promise<UnlockResult> {
  return unlockNow(passphrase, (event) => recordActivity(event));
}

/**
 * The current passphrase checked on an open vault, before an export that reveals secrets or a
 * row's QR code (`export`), or before changing or removing it (`change`): the same throttle, but
 * no unlock for the activity log, as the vault was open already. A wrong one is recorded with
 * what it was typed for.
 */
export function checkPassphraseNow(passphrase: string, purpose: 'export' | 'change'): Promise<UnlockResult> {
  return unlockNow(passphrase, async (event) => {
    if (event.kind === 'unlock-refused') await recordActivity({ ...event, while: purpose });
    else if (event.kind !== 'unlocked') await recordActivity(event);
  });
}
