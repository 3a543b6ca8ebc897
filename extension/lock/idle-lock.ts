import type { Settings } from '../settings/settings';

/** chrome.idle's states: 'locked' is the screen lock. */
export type IdleState = 'active' | 'idle' | 'locked';

/** Whether a change of idle state locks the vault under these settings. */
export function locksOn(
  state: IdleState,
  settings: Pick<Settings, 'autoLockMinutes' | 'lockOnScreenLock'>,
): boolean {
  if (state === 'locked') return settings.lockOnScreenLock;
  if (state === 'idle') return settings.autoLockMinutes > 0;
  return false;
}

/** chrome.idle.setDetectionInterval's seconds (it accepts 15 or more); 0 minutes: idle never fires a lock. */
export function idleDetectionSeconds(autoLockMinutes: number): number {
  return Math.max(15, autoLockMinutes * 60);
}
