import {
  lockVault,
  readUnlockDeadline,
  SESSION_KEY,
  UNLOCK_DEADLINE_KEY,
  UNLOCKED_AT_KEY,
  type UnlockDeadline,
} from '../lock/session-store';
import { readSettings } from '../settings/read-settings';

/** The alarm that locks when the maximum unlock time (maxUnlockMinutes) is over. */
export const MAX_UNLOCK_ALARM = 'max-unlock';

/**
 * Keeps the unlock deadline in step with the unlock and the settings: unlockedAt + maxUnlockMinutes
 * in session storage (which every reader of the session key checks) and an alarm then. Past it:
 * locks now. Locked, or no maximum: no deadline and no alarm. Runs at the worker's start, at each
 * unlock, when the settings or the policy change, at the alarm and when the user is back after
 * idle (an alarm missed while the computer slept fires late, at wake). A policy that lowers the
 * maximum counts from the unlock that happened, so it can lock at once.
 */
export async function applyMaxUnlock(now: () => number = Date.now): Promise<void> {
  const [{ values }, stored] = await Promise.all([
    readSettings(),
    chrome.storage.session.get([SESSION_KEY, UNLOCKED_AT_KEY, UNLOCK_DEADLINE_KEY]),
  ]);
  const kept = readUnlockDeadline(stored[UNLOCK_DEADLINE_KEY]);
  if (stored[SESSION_KEY] === undefined || values.maxUnlockMinutes === 0) {
    await chrome.alarms.clear(MAX_UNLOCK_ALARM);
    if (kept !== undefined) await chrome.storage.session.remove(UNLOCK_DEADLINE_KEY);
    return;
  }
  // Unlocked with no unlock time kept (an unlock by an earlier version): it counts from now.
  const unlockedAt = stored[UNLOCKED_AT_KEY];
  const since = typeof unlockedAt === 'number' ? unlockedAt : now();
  const deadline: UnlockDeadline = { for: since, at: since + values.maxUnlockMinutes * 60_000 };
  if (now() >= deadline.at) {
    await lockVault(chrome.storage.session, { why: 'max-unlock', minutes: values.maxUnlockMinutes });
    await chrome.alarms.clear(MAX_UNLOCK_ALARM);
    return;
  }
  // The unlock time is written only when none was kept: rewriting it could put back an older one
  // over an unlock that happened meanwhile (a deadline for an older unlock is ignored by readers).
  if (kept?.for !== deadline.for || kept.at !== deadline.at)
    await chrome.storage.session.set({
      [UNLOCK_DEADLINE_KEY]: deadline,
      ...(typeof unlockedAt === 'number' ? {} : { [UNLOCKED_AT_KEY]: since }),
    });
  await chrome.alarms.create(MAX_UNLOCK_ALARM, { when: deadline.at });
}
