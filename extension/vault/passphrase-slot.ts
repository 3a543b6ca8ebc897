import type { Argon2Params } from './derive-argon2';
import { utf8Encode } from './encoding';
import type { Argon2idKdf, PassphraseSlot, Pbkdf2Params } from './key-slot';
import type { SessionKey } from './session-key';
import { VaultError, VaultFormatError } from './vault-errors';
import { importKek, unwrapVaultKey, wrapVaultKey } from './wrap-vault-key';

/** OWASP Password Storage Cheat Sheet (2023+): PBKDF2-HMAC-SHA256 with at least 600,000 iterations. */
export const MIN_PBKDF2_ITERATIONS = 600_000;

/** OWASP's argon2id minimum (SECURITY #22): a slot with less is refused when it is made. */
export const MIN_ARGON2ID: Argon2Params = Object.freeze({ memoryKiB: 19_456, iterations: 2, parallelism: 1 });

/**
 * What a new passphrase slot uses: 64 MiB, 2 passes, 1 lane, over three times OWASP's memory
 * minimum and still ~0.2 s on a shared 2-core machine (bench/unlock-bench.ts prints it).
 */
export const PASSPHRASE_ARGON2ID: Argon2Params = Object.freeze({
  memoryKiB: 65_536,
  iterations: 2,
  parallelism: 1,
});

/** How a new slot derives its KEK: argon2id (the default) or PBKDF2 (kept for older vaults and tests). */
export type KdfChoice =
  | { readonly name: 'argon2id'; readonly params?: Argon2Params }
  | { readonly name: 'PBKDF2'; readonly iterations?: number };

const SALT_BYTES = 16;

/** A new slot and the session key that opens it (its KEK), so the caller stays unlocked. */
export interface NewPassphraseSlot {
  readonly slot: PassphraseSlot;
  readonly session: SessionKey;
}

export async function createPassphraseSlot(
  vaultKey: CryptoKey,
  passphrase: string,
  choice: KdfChoice = { name: 'argon2id' },
): Promise<NewPassphraseSlot> {
  if (passphrase === '') throw new VaultError('The passphrase is empty');
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const kdf = choice.name === 'PBKDF2' ? pbkdf2Kdf(choice.iterations, salt) : argon2Kdf(choice.params, salt);
  const id = crypto.randomUUID();
  const kekBytes = await deriveKekBytes(passphrase, kdf);
  const slot: PassphraseSlot = {
    type: 'passphrase',
    id,
    kdf,
    ...(await wrapVaultKey(vaultKey, await importKek(kekBytes), id)),
  };
  return { slot, session: { slotId: id, kek: kekBytes } };
}

function pbkdf2Kdf(iterations = MIN_PBKDF2_ITERATIONS, salt: Uint8Array<ArrayBuffer>): Pbkdf2Params {
  if (!Number.isSafeInteger(iterations) || iterations < MIN_PBKDF2_ITERATIONS) {
    throw new VaultError(`PBKDF2 needs at least ${MIN_PBKDF2_ITERATIONS} iterations`);
  }
  return { name: 'PBKDF2', hash: 'SHA-256', iterations, salt };
}

function argon2Kdf(params = PASSPHRASE_ARGON2ID, salt: Uint8Array<ArrayBuffer>): Argon2idKdf {
  if (params.memoryKiB < MIN_ARGON2ID.memoryKiB || params.iterations < MIN_ARGON2ID.iterations) {
    throw new VaultError('argon2id needs at least 19 MiB and 2 passes');
  }
  return { name: 'argon2id', ...params, salt };
}

/**
 * Opens a passphrase slot; returns the vault key and the session key (the slot's KEK). A wrong
 * passphrase and a tampered slot look the same to GCM: both give VaultIntegrityError.
 */
export async function openPassphraseSlot(
  slot: PassphraseSlot,
  passphrase: string,
  extractable = false,
): Promise<{ key: CryptoKey; session: SessionKey }> {
  const kekBytes = await deriveKekBytes(passphrase, slot.kdf);
  const key = await unwrapVaultKey(slot, await importKek(kekBytes), extractable);
  return { key, session: { slotId: slot.id, kek: kekBytes } };
}

/** The 32-byte KEK of NFC(passphrase). argon2 is loaded only when needed: it is WASM, ~30 KB. */
async function deriveKekBytes(
  passphrase: string,
  kdf: Pbkdf2Params | Argon2idKdf,
): Promise<Uint8Array<ArrayBuffer>> {
  const password = utf8Encode(passphrase.normalize('NFC'));
  if (kdf.name === 'argon2id') {
    const { argon2ParamsAllowed, deriveArgon2 } = await import('./derive-argon2');
    // Parameters are read from the header: a crafted one must not make us allocate gigabytes.
    if (!argon2ParamsAllowed(kdf, kdf.salt.length, 32)) {
      throw new VaultFormatError('A passphrase slot has argon2id parameters outside the supported range');
    }
    return deriveArgon2(password, kdf.salt, kdf, 32);
  }
  const material = await crypto.subtle.importKey('raw', password, 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: kdf.hash, iterations: kdf.iterations, salt: kdf.salt },
    material,
    256,
  );
  return new Uint8Array(bits);
}
