import { lockVault, MAX_UNLOCK_MS_KEY, SESSION_KEY, UNLOCKED_AT_KEY } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';

/** The alarm that locks when the maximum unlock time (maxUnlockMinutes) is over. */
export const MAX_UNLOCK_ALARM = 'max-unlock';

/**
 * Keeps the maximum unlock time in step with the unlock and the settings: the maximum in force in
 * session storage (every reader of the session key locks at unlockedAt + it) and an alarm then.
 * Past it: locks now. Locked, or no maximum: neither. Runs at each unlock and lock, when the
 * settings or the policy change, at the alarm and when the user is back after idle (an alarm
 * missed while the computer slept fires late, at wake). A policy that lowers the maximum counts
 * from the unlock that happened, so it can lock at once.
 */
export async function applyMaxUnlock(now: () => number = Date.now): Promise<void> {
  const [{ values }, stored] = await Promise.all([
    readSettings(),
    chrome.storage.session.get([SESSION_KEY, UNLOCKED_AT_KEY, MAX_UNLOCK_MS_KEY]),
  ]);
  const maximum = values.maxUnlockMinutes * 60_000;
  if (stored[SESSION_KEY] === undefined || maximum === 0) {
    await chrome.alarms.clear(MAX_UNLOCK_ALARM);
    if (stored[MAX_UNLOCK_MS_KEY] !== undefined) await chrome.storage.session.remove(MAX_UNLOCK_MS_KEY);
    return;
  }
  // Unlocked with no unlock time kept (an unlock by an earlier version): it counts from now. The
  // time is written only then: rewriting it could put back an older one over a newer unlock.
  const kept = stored[UNLOCKED_AT_KEY];
  const unlockedAt = typeof kept === 'number' ? kept : now();
  if (now() >= unlockedAt + maximum) {
    await lockVault(chrome.storage.session, { why: 'max-unlock', minutes: values.maxUnlockMinutes });
    await chrome.alarms.clear(MAX_UNLOCK_ALARM);
    return;
  }
  if (stored[MAX_UNLOCK_MS_KEY] !== maximum || typeof kept !== 'number')
    await chrome.storage.session.set({
      [MAX_UNLOCK_MS_KEY]: maximum,
      ...(typeof kept === 'number' ? {} : { [UNLOCKED_AT_KEY]: unlockedAt }),
    });
  await chrome.alarms.create(MAX_UNLOCK_ALARM, { when: unlockedAt + maximum });
}
