import { createDeviceSlot, openDeviceSlot } from './device-slot';
import type { KeySlot } from './key-slot';
import { openPassphraseSlot } from './passphrase-slot';
import { runTransaction } from './run-transaction';
import type { SessionKey } from './session-key';
import type { VaultDatabase } from './vault-db';
import { VaultFormatError, VaultIntegrityError, VaultLockedError } from './vault-errors';
import { checkHeaderVersion, VAULT_FORMAT_VERSION, type VaultHeader } from './vault-header';
import { generateVaultKey, importKek, unwrapVaultKey } from './wrap-vault-key';

export interface UnlockOptions {
  /** Tried on passphrase slots before the device slot. */
  readonly passphrase?: string | undefined;
  /** A session key from an earlier unlock (see session-key.ts); tried first. */
  readonly session?: SessionKey | undefined;
}

/** The vault key, and the session key that keeps it unlocked when a passphrase slot opened it. */
export interface Unlocked {
  readonly key: CryptoKey;
  readonly session: SessionKey | undefined;
  /** True when no slot opens without a passphrase: the vault can be locked. */
  readonly passphraseRequired: boolean;
}

/**
 * Reads (or on first use creates) the header, refuses newer formats, and unwraps the vault key
 * from the first slot that opens. Never writes to an existing vault. `headerRead` is the header
 * read if the caller issued it already (so that it goes before other reads).
 */
export async function unlockVault(
  db: VaultDatabase,
  options: UnlockOptions = {},
  headerRead: Promise<VaultHeader | undefined> = db.get('meta', 'header'),
): Promise<Unlocked> {
  const header = (await headerRead) ?? (await createHeader(db));
  checkHeaderVersion(header);
  return openAnySlot(header.slots, options);
}

export async function openAnySlot(
  slots: readonly KeySlot[],
  options: UnlockOptions,
  extractable = false,
): Promise<Unlocked> {
  const passphraseRequired = !slots.some((slot) => slot.type === 'device');
  const opened = (key: CryptoKey, session?: SessionKey): Unlocked => ({ key, session, passphraseRequired });
  const { session } = options;
  const sessionSlot = slots.find((slot) => slot.type === 'passphrase' && slot.id === session?.slotId);
  if (session !== undefined && sessionSlot !== undefined) {
    try {
      return opened(await unwrapVaultKey(sessionSlot, await importKek(session.kek), extractable), session);
    } catch (error) {
      // A session key that does not open its slot is no key at all: fall through, and lock.
      if (!(error instanceof VaultIntegrityError)) throw error;
    }
  }
  if (options.passphrase !== undefined) {
    let failure: VaultIntegrityError | undefined;
    for (const slot of slots) {
      if (slot.type !== 'passphrase') continue;
      try {
        const result = await openPassphraseSlot(slot, options.passphrase, extractable);
        return opened(result.key, result.session);
      } catch (error) {
        if (!(error instanceof VaultIntegrityError)) throw error;
        failure = error;
      }
    }
    if (failure !== undefined) throw failure;
  }
  const device = slots.find((slot) => slot.type === 'device');
  if (device !== undefined) return opened(await openDeviceSlot(device, extractable));
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
