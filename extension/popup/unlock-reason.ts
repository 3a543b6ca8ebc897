import type { StorageArea } from '../lock/chrome-storage';
import { HELD_COUNT_KEY } from '../lock/held-scans';
import { PENDING_SCAN_KEY } from '../lock/pending-scan';
import type { MessageKey } from './t';

/**
 * Why the locked popup asks to unlock now (the worker left it in session storage): a scan waits to
 * start, or a scan read while locked waits to be stored. Only the markers are read, never the
 * held scans themselves (they hold secrets).
 */
export async function takeUnlockReason(session: StorageArea): Promise<MessageKey | undefined> {
  const stored = await session.get([PENDING_SCAN_KEY, HELD_COUNT_KEY]);
  if (typeof stored[HELD_COUNT_KEY] === 'number' && stored[HELD_COUNT_KEY] > 0) return 'unlockForScanResult';
  return stored[PENDING_SCAN_KEY] === undefined ? undefined : 'unlockForScan';
}
