/**
 * A key slot holds the vault key wrapped (AES-256-GCM, AAD = `slot:<id>`) by a key-encryption
 * key (KEK). Any one slot opens the vault; see docs/vault.md. Slot types this version does not
 * know are kept untouched, so a newer extension's slots survive a round trip through an older one.
 */
interface SlotBase {
  readonly id: string;
  /** The wrapped vault key: AES-GCM nonce and ciphertext + tag, under this slot's KEK. */
  readonly nonce: Uint8Array<ArrayBuffer>;
  readonly wrappedKey: Uint8Array<ArrayBuffer>;
}

/** KEK: a non-extractable AES-GCM CryptoKey kept in IndexedDB; opens without user input. */
export interface DeviceSlot extends SlotBase {
  readonly type: 'device';
  readonly kek: CryptoKey;
}

/** KEK derived from a passphrase; the parameters are stored so they can be raised later. */
export interface PassphraseSlot extends SlotBase {
  readonly type: 'passphrase';
  readonly kdf: Pbkdf2Params | Argon2idKdf;
}

/** RFC 9106 argon2id (version 0x13), 32-byte output; format version 2. */
export interface Argon2idKdf {
  readonly name: 'argon2id';
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
  readonly salt: Uint8Array<ArrayBuffer>;
}

export interface Pbkdf2Params {
  readonly name: 'PBKDF2';
  readonly hash: 'SHA-256';
  readonly iterations: number;
  readonly salt: Uint8Array<ArrayBuffer>;
}

export type KeySlot = DeviceSlot | PassphraseSlot;

/** Binds a wrapped key to its slot, so wrapped keys cannot be swapped between slots. */
export function slotAad(slotId: string): string {
  return `slot:${slotId}`;
}
