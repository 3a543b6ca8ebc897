import { deleteDB } from 'idb';
import { DEFAULT_VAULT_DB_NAME } from './vault-db';

/**
 * Deletes the vault: every account and every key slot, the passphrase's too. For a vault nobody
 * can open any more (a forgotten passphrase): nothing is read, so nothing is revealed; the next
 * open makes a new, empty vault. Open connections close themselves when asked (openVaultDb's
 * `blocking`), so the deletion is not held up by a popup or the service worker.
 */
export async function eraseVault(dbName = DEFAULT_VAULT_DB_NAME): Promise<void> {
  await deleteDB(dbName);
}
