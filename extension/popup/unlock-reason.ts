import type { StorageArea } from '../lock/chrome-storage';
import { HELD_COUNT_KEY } from '../lock/held-scans';
import { PENDING_SCAN_KEY } from '../lock/pending-scan';
import { LOCK_REASON_KEY, type LockReason } from '../lock/session-store';
import { durationText } from './duration-text';
import { t } from './t';

/**
 * What the locked popup says above the passphrase; `scanWaits`: a scan starts (or is stored) once
 * unlocked, so the popup closes then and leaves the page to it.
 */
export interface UnlockReason {
  readonly text: string;
  readonly scanWaits: boolean;
}

/** The lock reason the worker kept (session-store.ts), or undefined when it is none or malformed. */
function readLockReason(value: unknown): LockReason | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { why, minutes } = value as Record<string, unknown>;
  if (why === 'screen-lock') return { why };
  if ((why === 'idle' || why === 'max-unlock') && Number.isSafeInteger(minutes) && (minutes as number) > 0)
    return { why, minutes: minutes as number };
  return undefined;
}

function lockedText(reason: LockReason): string {
  switch (reason.why) {
    case 'idle':
      return t('lockedAfterIdle', durationText(reason.minutes));
    case 'screen-lock':
      return t('lockedAtScreenLock');
    case 'max-unlock':
      return t('lockedAtMaxUnlock', durationText(reason.minutes));
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
