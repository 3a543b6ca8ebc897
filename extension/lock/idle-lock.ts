import type { Settings } from '../settings/settings';

/** chrome.idle's states: 'locked' is the screen lock. */
export type IdleState = 'active' | 'idle' | 'locked';

/**
 * The longest idle time chrome.idle reports: it clamps setDetectionInterval (and queryState) to
 * 4 hours. A longer auto-lock waits the rest after the idle report (background/auto-lock.ts).
 */
export const MAX_IDLE_DETECTION_MINUTES = 240;

/**
 * Whether a change of idle state locks the vault under these settings (at once, or after
 * minutesAfterIdle). A locked screen with lockOnScreenLock off does not, but it starts the
 * auto-lock's count, as chrome.idle then reports no idle time (background/auto-lock.ts).
 */
export function locksOn(
  state: IdleState,
  settings: Pick<Settings, 'autoLockMinutes' | 'lockOnScreenLock'>,
): boolean {
  if (state === 'locked') return settings.lockOnScreenLock;
  if (state === 'idle') return settings.autoLockMinutes > 0;
  return false;
}

/**
 * chrome.idle.setDetectionInterval's seconds (it accepts 15 to 14400); 0 minutes: idle never fires
 * a lock. Above 4 hours, chrome.idle reports idle after 4 hours.
 */
export function idleDetectionSeconds(autoLockMinutes: number): number {
  return Math.max(15, Math.min(autoLockMinutes, MAX_IDLE_DETECTION_MINUTES) * 60);
}

/** Minutes still to wait, after chrome.idle reported idle, before the lock: 0 up to 4 hours. */
export function minutesAfterIdle(autoLockMinutes: number): number {
  return Math.max(0, autoLockMinutes - MAX_IDLE_DETECTION_MINUTES);
}
