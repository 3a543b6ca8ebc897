import type { KeySlot } from './key-slot';
import { createPassphraseSlot } from './passphrase-slot';
import { runTransaction } from './run-transaction';
import { openAnySlot, type UnlockOptions } from './unlock-vault';
import type { VaultDatabase } from './vault-db';
import { VaultError, VaultFormatError } from './vault-errors';
import { checkHeaderVersion, type VaultHeader } from './vault-header';

/**
 * Wraps the vault key into a new passphrase slot. The key is unwrapped extractable only for
 * this, from the slot that opened the vault; records are not re-encrypted.
 */
export async function addPassphraseSlot(
  db: VaultDatabase,
  unlock: UnlockOptions,
  passphrase: string,
  iterations?: number,
): Promise<string> {
  const header = await readHeader(db);
  const vaultKey = await openAnySlot(header.slots, unlock, true);
  const slot = await createPassphraseSlot(vaultKey, passphrase, iterations);
  await writeSlots(db, header, (slots) => [...slots, slot]);
  return slot.id;
}

export async function removeSlot(db: VaultDatabase, slotId: string): Promise<void> {
  await writeSlots(db, await readHeader(db), (slots) => {
    const kept = slots.filter((slot) => slot.id !== slotId);
    if (kept.length === 0) throw new VaultError('The last key slot cannot be removed');
    return kept;
  });
}

async function readHeader(db: VaultDatabase): Promise<VaultHeader> {
  const header = await db.get('meta', 'header');
  if (header === undefined) throw new VaultFormatError('The vault has no header');
  checkHeaderVersion(header);
  return header;
}

/** Compare-and-set on the slot list, so two concurrent slot changes cannot lose one. */
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
    await tx.store.put({ ...read, slots }, 'header');
  });
}
