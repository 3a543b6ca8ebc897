import { utf8Encode } from './encoding';

/** 96-bit nonce, the size GCM is defined for (NIST SP 800-38D §8.2). */
export const NONCE_BYTES = 12;

/** AES-GCM output: the nonce and the ciphertext with its 128-bit tag appended (WebCrypto layout). */
export interface Sealed {
  readonly nonce: Uint8Array<ArrayBuffer>;
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/** Encrypts under a fresh random nonce; a nonce is never reused with the same key (SP 800-38D §8.3). */
export async function sealAesGcm(
  key: CryptoKey,
  plaintext: Uint8Array<ArrayBuffer>,
  aad: string,
): Promise<Sealed> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES));
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: utf8Encode(aad) },
    key,
    plaintext,
  );
  return { nonce, ciphertext: new Uint8Array(ciphertext) };
}

/** Decrypts and authenticates; rejects with the platform's OperationError when anything was altered. */
export async function openAesGcm(
  key: CryptoKey,
  sealed: Sealed,
  aad: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: sealed.nonce, additionalData: utf8Encode(aad) },
    key,
    sealed.ciphertext,
  );
  return new Uint8Array(plaintext);
}
