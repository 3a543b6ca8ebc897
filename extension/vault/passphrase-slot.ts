import { utf8Encode } from './encoding';
import type { PassphraseSlot, Pbkdf2Params } from './key-slot';
import { VaultError } from './vault-errors';
import { unwrapVaultKey, wrapVaultKey } from './wrap-vault-key';

/** OWASP Password Storage Cheat Sheet (2023+): PBKDF2-HMAC-SHA256 with at least 600,000 iterations. */
export const MIN_PBKDF2_ITERATIONS = 600_000;

const SALT_BYTES = 16;

export async function createPassphraseSlot(
  vaultKey: CryptoKey,
  passphrase: string,
  iterations: number = MIN_PBKDF2_ITERATIONS,
): Promise<PassphraseSlot> {
  if (!Number.isSafeInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS) {
    throw new VaultError(`PBKDF2 needs at least ${MIN_PBKDF2_ITERATIONS} iterations`);
  }
  if (passphrase === '') throw new VaultError('The passphrase is empty');
  const kdf: Pbkdf2Params = {
    name: 'PBKDF2',
    hash: 'SHA-256',
    iterations,
    salt: crypto.getRandomValues(new Uint8Array(SALT_BYTES)),
  };
  const id = crypto.randomUUID();
  const kek = await deriveKek(passphrase, kdf);
  return { type: 'passphrase', id, kdf, ...(await wrapVaultKey(vaultKey, kek, id)) };
}

/** A wrong passphrase and a tampered slot look the same to GCM: both give VaultIntegrityError. */
export async function openPassphraseSlot(
  slot: PassphraseSlot,
  passphrase: string,
  extractable = false,
): Promise<CryptoKey> {
  return unwrapVaultKey(slot, await deriveKek(passphrase, slot.kdf), extractable);
}

async function deriveKek(passphrase: string, kdf: Pbkdf2Params): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey(
    'raw',
    utf8Encode(passphrase.normalize('NFC')),
    'PBKDF2',
    false,
    ['deriveKey'],
  );
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['wrapKey', 'unwrapKey'],
  );
}
