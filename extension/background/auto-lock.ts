import { type IdleState, idleDetectionSeconds, locksOn, minutesAfterIdle } from '../lock/idle-lock';
import { lockVault } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';

/**
 * The alarm that locks an auto-lock longer than chrome.idle's 4 hours: set when idle is reported,
 * for the rest of the time; cleared when the user is active again. Alarms outlive the service
 * worker, which Chrome stops while nothing happens.
 */
export const AUTO_LOCK_ALARM = 'auto-lock';

/** Tells chrome.idle how long "idle" is, from the settings in force (policy first). */
export async function applyIdleInterval(): Promise<void> {
  const { values } = await readSettings();
  chrome.idle.setDetectionInterval(idleDetectionSeconds(values.autoLockMinutes));
}

/**
 * Idle for N minutes, or the screen locked: lock (forget the session key) when the settings say so.
 * Idle with more than 4 hours set: lock when the rest has passed (onAutoLockAlarm). Active again:
 * no lock pending.
 */
export async function onIdleState(state: IdleState): Promise<void> {
  if (state === 'active') {
    await chrome.alarms.clear(AUTO_LOCK_ALARM);
    return;
  }
  const { values } = await readSettings();
  if (!locksOn(state, values)) return;
  const rest = state === 'idle' ? minutesAfterIdle(values.autoLockMinutes) : 0;
  if (rest === 0) await lockVault(chrome.storage.session);
  else await chrome.alarms.create(AUTO_LOCK_ALARM, { when: Date.now() + rest * 60_000 });
}

/**
 * The rest of a long auto-lock has passed: lock, unless the user was active within the last
 * 4 hours (an 'active' report clears the alarm; this covers one that never arrived) or the
 * settings no longer lock on idle.
 */
export async function onAutoLockAlarm(): Promise<void> {
  const { values } = await readSettings();
  if (values.autoLockMinutes === 0) return;
  const state = await chrome.idle.queryState(idleDetectionSeconds(values.autoLockMinutes));
  if (state === 'active') return;
  await lockVault(chrome.storage.session);
}
