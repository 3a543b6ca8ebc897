import type { StorageArea } from '../lock/chrome-storage';
import { HELD_COUNT_KEY } from '../lock/held-scans';
import { readLockReason } from '../lock/lock-reason';
import { PENDING_SCAN_KEY } from '../lock/pending-scan';
import { LOCK_REASON_KEY, type LockReason } from '../lock/session-store';
import { t } from './t';

/**
 * What the locked popup says above the passphrase; `scanWaits`: a scan starts (or is stored) once
 * unlocked, so the popup closes then and leaves the page to it.
 */
export interface UnlockReason {
  readonly text: string;
  readonly scanWaits: boolean;
}

/** "8 uur", "90 minuten", "1 minuut". */
function duration(minutes: number): string {
  if (minutes % 60 === 0) return minutes === 60 ? t('durationOneHour') : t('durationHours', minutes / 60);
  return minutes === 1 ? t('durationOneMinute') : t('durationMinutes', minutes);
}

function lockedText(reason: LockReason): string {
  switch (reason.why) {
    case 'idle':
      return t('lockedAfterIdle', duration(reason.minutes));
    case 'screen-lock':
      return t('lockedAtScreenLock');
    case 'max-unlock':
      return t('lockedAtMaxUnlock', duration(reason.minutes));
  }
}

/**
 * What the locked popup says above the passphrase (the worker left it in session storage): a scan
 * waits to start, a scan read while locked waits to be stored, or why the vault locked by itself
 * (idle, the screen lock, the maximum unlock time); undefined: the usual intro. Only the markers
 * are read, never the held scans themselves (they hold secrets).
 */
export async function takeUnlockReason(session: StorageArea): Promise<UnlockReason | undefined> {
  const stored = await session.get([PENDING_SCAN_KEY, HELD_COUNT_KEY, LOCK_REASON_KEY]);
  if (typeof stored[HELD_COUNT_KEY] === 'number' && stored[HELD_COUNT_KEY] > 0)
    return { text: t('unlockForScanResult'), scanWaits: true };
  if (stored[PENDING_SCAN_KEY] !== undefined) return { text: t('unlockForScan'), scanWaits: true };
  const locked = readLockReason(stored[LOCK_REASON_KEY]);
  return locked === undefined ? undefined : { text: lockedText(locked), scanWaits: false };
}
