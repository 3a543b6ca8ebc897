import type { StorageArea } from '../lock/chrome-storage';
import { PENDING_SCAN_KEY } from '../lock/pending-scan';
import type { MessageKey } from './t';

/** Why the locked popup asks to unlock now: a scan waits for it (the worker left it in session storage). */
export async function takeUnlockReason(session: StorageArea): Promise<MessageKey | undefined> {
  const pending = (await session.get(PENDING_SCAN_KEY))[PENDING_SCAN_KEY];
  return pending === undefined ? undefined : 'unlockForScan';
}
