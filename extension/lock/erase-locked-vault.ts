import { eraseVault } from '../vault';
import type { LockStorage } from './chrome-storage';
import { THROTTLE_KEY } from './unlock-with-passphrase';

/**
 * "Alles wissen en opnieuw beginnen" for a forgotten passphrase: the vault goes (its accounts and
 * its passphrase), and with it the wrong-passphrase wait, which would otherwise hold up the
 * next passphrase. Settings and the organisation's policy stay.
 */
export async function eraseLockedVault(storage: LockStorage, erase = () => eraseVault()): Promise<void> {
  await erase();
  await storage.local.remove(THROTTLE_KEY);
}
