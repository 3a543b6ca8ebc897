import { chromeLockStorage } from '../lock/chrome-storage';
import { loadSession } from '../lock/session-store';
import { openVault, VaultLockedError } from '../vault';

/** True when the vault needs a passphrase and this browser session has not unlocked it. */
export async function vaultLocked(): Promise<boolean> {
  try {
    (await openVault({ session: await loadSession(chromeLockStorage().session) })).close();
    return false;
  } catch (error) {
    if (error instanceof VaultLockedError) return true;
    throw error;
  }
}
