import { sortAccounts } from '../otp/sort-accounts';
import { changeAccounts } from './change-accounts';
import { type AccountState, readAccountState } from './read-account-state';
import type { VaultDatabase } from './vault-db';
import type { VaultListing } from './vault-types';

/**
 * Every readable account, pinned first, and the damaged records. `state` is a read issued earlier
 * (openVault's `prefetch`). A listing made from the records (a format 2 vault, or a snapshot that
 * failed authentication) stores the snapshot it made, so the next one is fast; if that write
 * loses a race with another, the listing is still right and the next listing tries again.
 */
export async function listAccounts(
  db: VaultDatabase,
  key: CryptoKey,
  state: Promise<AccountState> = readAccountState(db, key),
): Promise<VaultListing> {
  const known = await state;
  const { snapshot, records, damaged } = known;
  if (records !== undefined) {
    const store = (current: typeof snapshot) => ({ snapshot: current, result: undefined });
    await changeAccounts(db, key, store, { known, attempts: 1 }).catch(() => undefined);
  }
  return { accounts: sortAccounts(snapshot.accounts), damaged };
}
