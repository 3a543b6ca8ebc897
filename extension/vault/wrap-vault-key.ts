import { NONCE_BYTES } from './aes-gcm';
import { utf8Encode } from './encoding';
import { slotAad } from './key-slot';
import { VaultIntegrityError } from './vault-errors';

const VAULT_KEY_ALGORITHM = { name: 'AES-GCM', length: 256 } as const;

/** A fresh random 256-bit vault key; extractable only so it can be wrapped into slots. */
export async function generateVaultKey(): Promise<CryptoKey> {
  return crypto.subtle.generateKey(VAULT_KEY_ALGORITHM, true, ['encrypt', 'decrypt']);
}

/** A raw 32-byte KEK as a non-extractable AES-GCM key that can only wrap and unwrap. */
export function importKek(bytes: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  return crypto.subtle.importKey('raw', bytes, { name: 'AES-GCM' }, false, ['wrapKey', 'unwrapKey']);
}

export async function wrapVaultKey(
  vaultKey: CryptoKey,
  kek: CryptoKey,
  slotId: string,
): Promise<{ nonce: Uint8Array<ArrayBuffer>; wrappedKey: Uint8Array<ArrayBuffer> }> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const wrapped = await crypto.subtle.wrapKey('raw', vaultKey, kek, {
    name: 'AES-GCM',
    iv: nonce,
    additionalData: utf8Encode(slotAad(slotId)),
  });
  return { nonce, wrappedKey: new Uint8Array(wrapped) };
}

/**
 * Unwraps the vault key. `extractable` is true only while adding a slot; the key used for
 * records is non-extractable, so not even this extension's code can read it back.
 */
export async function unwrapVaultKey(
  slot: { id: string; nonce: Uint8Array<ArrayBuffer>; wrappedKey: Uint8Array<ArrayBuffer> },
  kek: CryptoKey,
  extractable = false,
): Promise<CryptoKey> {
  try {
    return await crypto.subtle.unwrapKey(
      'raw',
      slot.wrappedKey,
      kek,
      { name: 'AES-GCM', iv: slot.nonce, additionalData: utf8Encode(slotAad(slot.id)) },
      VAULT_KEY_ALGORITHM,
      extractable,
      ['encrypt', 'decrypt'],
    );
  } catch (error) {
    // OperationError is GCM's tag mismatch; anything else (wrong key type) is a bug, pass it through.
    if (error instanceof DOMException && error.name === 'OperationError') {
      throw new VaultIntegrityError({ kind: 'slot', id: slot.id }, { cause: error });
    }
    throw error;
  }
}
