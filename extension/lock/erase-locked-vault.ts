import { recordActivity } from '../activity/record-activity';
import { FILL_NOTICE_KEY } from '../fill-notice';
import { LAST_SCAN_KEY } from '../last-scan';
import { requireAllowed } from '../settings/require-allowed';
import { eraseVault } from '../vault';
import type { LockStorage } from './chrome-storage';
import { HELD_COUNT_KEY, HELD_SCANS_KEY } from './held-scans';
import { PENDING_SCAN_KEY } from './pending-scan';
import {
  ERASED_KEY,
  LOCK_REASON_KEY,
  MAX_UNLOCK_MS_KEY,
  SESSION_KEY,
  UNLOCKED_AT_KEY,
} from './session-store';
import { THROTTLE_KEY } from './unlock-with-passphrase';

/** What the browser session keeps for the vault's next unlock, and what it last told the popup. */
const SESSION_STATE = [
  SESSION_KEY,
  UNLOCKED_AT_KEY,
  MAX_UNLOCK_MS_KEY,
  LOCK_REASON_KEY,
  HELD_SCANS_KEY,
  HELD_COUNT_KEY,
  PENDING_SCAN_KEY,
  LAST_SCAN_KEY,
  FILL_NOTICE_KEY,
];

/** The held-scans lock of the service worker (held-scan-session.ts), so no held scan is stored meanwhile. */
async function heldScansLock(work: () => Promise<void>): Promise<void> {
  // None outside a browser (happy-dom has null).
  const locks = globalThis.navigator?.locks;
  if (locks == null) return await work();
  await locks.request('authenticator-held-scans', work);
}

/**
 * "Alles wissen en opnieuw beginnen" for a forgotten passphrase: the vault goes (its accounts and
 * its passphrase), and with it what the browser session keeps for the next unlock: a scan held
 * while locked (its secret must not land in the next person's vault), the last scan's names, a
 * pending scan, and the wrong-passphrase wait, which would otherwise hold up the next passphrase.
 * Settings, the organisation's policy and the activity log stay (the log says it was erased). Last, every open page is told (ERASED_KEY), so a
 * locked popup or options tab looks again instead of trying passphrases on a vault that is gone.
 *
 * The policy allowErase is read here, at this moment, not only where the button is drawn: when it
 * is off (a policy that arrived while the page was open), PolicyRefusedError is thrown and nothing is erased or forgotten.
 */
export async function eraseLockedVault(
  storage: LockStorage,
  erase = () => eraseVault(),
  exclusive = heldScansLock,
): Promise<void> {
  await exclusive(async () => {
    await requireAllowed('allowErase');
    await erase();
    await storage.session.remove(SESSION_STATE);
    await storage.local.remove(THROTTLE_KEY);
  });
  await recordActivity({ kind: 'erased' });
  await storage.session.set({ [ERASED_KEY]: Date.now() });
}
