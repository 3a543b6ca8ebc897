import { type IdleState, idleDetectionSeconds, locksOn, minutesAfterIdle } from '../lock/idle-lock';
import { type LockReason, lockVault } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';

/**
 * The alarm of an auto-lock that chrome.idle cannot report by itself: one longer than its 4 hours
 * (set when idle is reported, for the rest of the time), and one behind a locked screen when the
 * screen lock itself does not lock (set at the screen lock, for the whole time). Cleared when
 * the user is active again. Alarms outlive the service worker, which Chrome stops while nothing
 * happens.
 */
export const AUTO_LOCK_ALARM = 'auto-lock';

/**
 * chrome.storage.session: when that long auto-lock is due (ms since the epoch), stored with the
 * alarm. The deadline, not the alarm, decides: after sleep or hibernation the missed alarm fires
 * at wake, and input on wake reports 'active' (perhaps before the alarm fires), yet a lock that
 * fell due while asleep must still happen. Memory only: it holds a time, nothing secret.
 */
export const AUTO_LOCK_AT_KEY = 'autoLock.lockAt';

async function lockAt(): Promise<number | undefined> {
  const value = (await chrome.storage.session.get(AUTO_LOCK_AT_KEY))[AUTO_LOCK_AT_KEY];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** No long auto-lock pending: the alarm and its deadline go. */
async function clearPendingLock(): Promise<void> {
  await chrome.alarms.clear(AUTO_LOCK_ALARM);
  await chrome.storage.session.remove(AUTO_LOCK_AT_KEY);
}

async function lock(reason: LockReason): Promise<void> {
  await lockVault(chrome.storage.session, reason);
  await clearPendingLock();
}

/** The reason an idle lock gives: the idle minutes in force. */
async function idleReason(): Promise<LockReason> {
  return { why: 'idle', minutes: Math.max(1, (await readSettings()).values.autoLockMinutes) };
}

/**
 * Tells chrome.idle how long "idle" is, from the settings in force (policy first). Auto-lock off:
 * a long auto-lock still pending is dropped.
 */
export async function applyIdleInterval(): Promise<void> {
  const { values } = await readSettings();
  chrome.idle.setDetectionInterval(idleDetectionSeconds(values.autoLockMinutes));
  if (values.autoLockMinutes === 0) await clearPendingLock();
}

/**
 * Locks `minutes` from now, or at once for 0: the deadline and an alarm (onAutoLockAlarm). A
 * deadline already running stands: a report again without 'active' in between (the screen-lock
 * state can do that) must not push back a lock due sooner, and past it, it locks.
 */
async function lockAfter(minutes: number, reason: LockReason): Promise<void> {
  if (minutes === 0) return lock(reason);
  const pending = await lockAt();
  if (pending !== undefined && Date.now() >= pending) return lock(reason);
  const when = pending ?? Date.now() + minutes * 60_000;
  await chrome.storage.session.set({ [AUTO_LOCK_AT_KEY]: when });
  await chrome.alarms.create(AUTO_LOCK_ALARM, { when });
}

/**
 * Idle for N minutes, or the screen locked: lock (forget the session key) when the settings say so.
 * Idle with more than 4 hours set: lock when the rest has passed (the deadline and an alarm;
 * onAutoLockAlarm). The screen locked with lockOnScreenLock off: lock N minutes after it, the
 * same way. Active again: lock if that deadline has passed (the computer slept through it and
 * woke by input), otherwise no lock is pending any more.
 */
export async function onIdleState(state: IdleState): Promise<void> {
  if (state === 'active') {
    const due = await lockAt();
    if (due !== undefined && Date.now() >= due) await lock(await idleReason());
    else await clearPendingLock();
    return;
  }
  const { values } = await readSettings();
  if (state === 'locked' && !values.lockOnScreenLock) {
    // A locked screen hides idleness: chrome.idle then reports 'locked', never 'idle', until
    // someone unlocks it, so the auto-lock would wait for ever. It counts from the screen lock.
    if (values.autoLockMinutes > 0)
      await lockAfter(values.autoLockMinutes, { why: 'idle', minutes: values.autoLockMinutes });
    return;
  }
  if (!locksOn(state, values)) return;
  if (state === 'locked') return lock({ why: 'screen-lock' });
  await lockAfter(minutesAfterIdle(values.autoLockMinutes), {
    why: 'idle',
    minutes: values.autoLockMinutes,
  });
}

/**
 * The alarm of a long auto-lock: lock when its deadline has passed (an alarm missed during sleep
 * fires at wake, late). An 'active' report before the deadline has cleared both; with no deadline
 * stored, or auto-lock now off, nothing is pending. An alarm early for its deadline waits again.
 */
export async function onAutoLockAlarm(): Promise<void> {
  const { values } = await readSettings();
  if (values.autoLockMinutes === 0) {
    await clearPendingLock();
    return;
  }
  const due = await lockAt();
  if (due === undefined) return;
  if (Date.now() >= due) await lock({ why: 'idle', minutes: values.autoLockMinutes });
  else await chrome.alarms.create(AUTO_LOCK_ALARM, { when: due });
}
