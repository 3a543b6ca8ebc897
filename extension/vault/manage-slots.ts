import { createDeviceSlot } from './device-slot';
import type { KeySlot } from './key-slot';
import { createPassphraseSlot, type KdfChoice } from './passphrase-slot';
import { runTransaction } from './run-transaction';
import type { SessionKey } from './session-key';
import { openAnySlot, type UnlockOptions } from './unlock-vault';
import type { VaultDatabase } from './vault-db';
import { VaultError, VaultFormatError } from './vault-errors';
import { checkHeaderVersion, VAULT_FORMAT_VERSION, type VaultHeader } from './vault-header';

/**
 * Wraps the vault key into a new passphrase slot beside the others. The key is unwrapped
 * extractable only for this, from the slot that opened the vault; records are not re-encrypted.
 */
export async function addPassphraseSlot(
  db: VaultDatabase,
  unlock: UnlockOptions,
  passphrase: string,
  choice?: KdfChoice,
): Promise<string> {
  const header = await readHeader(db);
  const { key } = await openAnySlot(header.slots, unlock, true);
  const { slot } = await createPassphraseSlot(key, passphrase, choice);
  await writeSlots(db, header, (slots) => [...slots, slot]);
  return slot.id;
}

/**
 * Sets (or changes) THE passphrase: one new argon2id slot replaces every passphrase and device
 * slot in one compare-and-set, so from then on the vault file alone does not open (a copied
 * profile neither). Returns the new slot's session key: the caller stays unlocked.
 */
export async function setPassphrase(
  db: VaultDatabase,
  unlock: UnlockOptions,
  passphrase: string,
  choice?: KdfChoice,
): Promise<SessionKey> {
  const header = await readHeader(db);
  const { key } = await openAnySlot(header.slots, unlock, true);
  const { slot, session } = await createPassphraseSlot(key, passphrase, choice);
  await writeSlots(db, header, (slots) => [...slots.filter((s) => !isKnown(s)), slot]);
  return session;
}

/** Removes the passphrase: a new device slot replaces every passphrase and device slot. */
export async function removePassphrase(db: VaultDatabase, unlock: UnlockOptions): Promise<void> {
  const header = await readHeader(db);
  const { key } = await openAnySlot(header.slots, unlock, true);
  const device = await createDeviceSlot(key);
  await writeSlots(db, header, (slots) => [...slots.filter((s) => !isKnown(s)), device]);
}

export async function removeSlot(db: VaultDatabase, slotId: string): Promise<void> {
  await writeSlots(db, await readHeader(db), (slots) => {
    const kept = slots.filter((slot) => slot.id !== slotId);
    if (kept.length === 0) throw new VaultError('The last key slot cannot be removed');
    return kept;
  });
}

/** Slot types of a newer version are kept untouched (see key-slot.ts). */
function isKnown(slot: KeySlot): boolean {
  return slot.type === 'device' || slot.type === 'passphrase';
}

async function readHeader(db: VaultDatabase): Promise<VaultHeader> {
  const header = await db.get('meta', 'header');
  if (header === undefined) throw new VaultFormatError('The vault has no header');
  checkHeaderVersion(header);
  return header;
}

/**
 * Compare-and-set on the slot list, so two concurrent slot changes cannot lose one. Writing the
 * slots writes the current format version: a version 1 vault becomes version 2 here.
 */
async function writeSlots(
  db: VaultDatabase,
  read: VaultHeader,
  change: (slots: readonly KeySlot[]) => readonly KeySlot[],
): Promise<void> {
  const slots = change(read.slots);
  await runTransaction(db, ['meta'], async (tx) => {
    const current = await tx.store.get('header');
    const ids = (header: VaultHeader | undefined) => header?.slots.map((slot) => slot.id).join();
    if (ids(current) !== ids(read)) throw new VaultError('The key slots changed meanwhile; try again');
    await tx.store.put({ ...read, formatVersion: VAULT_FORMAT_VERSION, slots }, 'header');
  });
}
