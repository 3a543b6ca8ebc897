import { createDeviceSlot, openDeviceSlot } from './device-slot';
import type { KeySlot } from './key-slot';
import { openPassphraseSlot } from './passphrase-slot';
import { runTransaction } from './run-transaction';
import type { VaultDatabase } from './vault-db';
import { VaultFormatError, VaultIntegrityError, VaultLockedError } from './vault-errors';
import { checkHeaderVersion, VAULT_FORMAT_VERSION, type VaultHeader } from './vault-header';
import { generateVaultKey } from './wrap-vault-key';

export interface UnlockOptions {
  /** Tried on passphrase slots before the device slot. */
  readonly passphrase?: string | undefined;
}

/**
 * Reads (or on first use creates) the header, refuses newer formats, and unwraps the vault key
 * from the first slot that opens. Never writes to an existing vault.
 */
export async function unlockVault(db: VaultDatabase, options: UnlockOptions = {}): Promise<CryptoKey> {
  const header = (await db.get('meta', 'header')) ?? (await createHeader(db));
  checkHeaderVersion(header);
  return openAnySlot(header.slots, options);
}

export async function openAnySlot(
  slots: readonly KeySlot[],
  options: UnlockOptions,
  extractable = false,
): Promise<CryptoKey> {
  if (options.passphrase !== undefined) {
    let failure: VaultIntegrityError | undefined;
    for (const slot of slots) {
      if (slot.type !== 'passphrase') continue;
      try {
        return await openPassphraseSlot(slot, options.passphrase, extractable);
      } catch (error) {
        if (!(error instanceof VaultIntegrityError)) throw error;
        failure = error;
      }
    }
    if (failure !== undefined) throw failure;
  }
  const device = slots.find((slot) => slot.type === 'device');
  if (device !== undefined) return openDeviceSlot(device, extractable);
  if (slots.some((slot) => slot.type === 'passphrase')) {
    throw new VaultLockedError('This vault has no device key; it needs its passphrase');
  }
  throw new VaultFormatError('The vault header has no key slot this version can open');
}

async function createHeader(db: VaultDatabase): Promise<VaultHeader> {
  const vaultKey = await generateVaultKey();
  const header: VaultHeader = {
    formatVersion: VAULT_FORMAT_VERSION,
    createdAt: Date.now(),
    slots: [await createDeviceSlot(vaultKey)],
  };
  return runTransaction(db, ['meta', 'accounts'], async (tx) => {
    // Another context (popup and service worker) may have created the vault meanwhile: use theirs.
    const existing = await tx.objectStore('meta').get('header');
    if (existing !== undefined) return existing;
    // Records without a header means the header was lost; a new key would orphan them. Refuse.
    if ((await tx.objectStore('accounts').count()) > 0) {
      throw new VaultFormatError('The vault has accounts but no header; refusing to create a new key');
    }
    await tx.objectStore('meta').add(header, 'header');
    return header;
  });
}
