import { openVault, type SessionKey, VaultIntegrityError } from '../vault';

/** Tries a passphrase on the vault: its session key, or undefined when the passphrase is wrong. */
export async function openWithPassphrase(
  passphrase: string,
  dbName?: string,
): Promise<SessionKey | undefined> {
  try {
    const vault = await openVault({ passphrase, ...(dbName === undefined ? {} : { dbName }) });
    const { session } = vault;
    vault.close();
    return session;
  } catch (error) {
    if (error instanceof VaultIntegrityError) return undefined;
    throw error;
  }
}
