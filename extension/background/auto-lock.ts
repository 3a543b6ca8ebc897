import { type IdleState, idleDetectionSeconds, locksOn } from '../lock/idle-lock';
import { lockVault } from '../lock/session-store';
import { readSettings } from '../settings/read-settings';

/** Tells chrome.idle how long "idle" is, from the settings in force (policy first). */
export async function applyIdleInterval(): Promise<void> {
  const { values } = await readSettings();
  chrome.idle.setDetectionInterval(idleDetectionSeconds(values.autoLockMinutes));
}

/** Idle for N minutes, or the screen locked: lock (forget the session key) when the settings say so. */
export async function onIdleState(state: IdleState): Promise<void> {
  const { values } = await readSettings();
  if (locksOn(state, values)) await lockVault(chrome.storage.session);
}
