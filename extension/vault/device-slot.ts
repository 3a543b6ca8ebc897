import type { DeviceSlot } from './key-slot';
import { unwrapVaultKey, wrapVaultKey } from './wrap-vault-key';

/**
 * Wraps the vault key under a new non-extractable device KEK. The KEK is stored in IndexedDB as
 * a CryptoKey (structured clone keeps it non-extractable), so its bytes never reach script.
 */
export async function createDeviceSlot(vaultKey: CryptoKey): Promise<DeviceSlot> {
  const kek = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'wrapKey',
    'unwrapKey',
  ]);
  const id = crypto.randomUUID();
  return { type: 'device', id, kek, ...(await wrapVaultKey(vaultKey, kek, id)) };
}

export function openDeviceSlot(slot: DeviceSlot, extractable = false): Promise<CryptoKey> {
  return unwrapVaultKey(slot, slot.kek, extractable);
}
