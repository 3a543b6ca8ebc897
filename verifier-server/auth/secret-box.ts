import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export class SecretIntegrityError extends Error {
  override name = 'SecretIntegrityError';
}

/** AAD that binds a sealed TOTP secret to its row, so ciphertexts cannot be swapped between rows (SECURITY #11). */
export function authenticatorAad(authenticatorId: string, userId: number): string {
  return `authenticator:${authenticatorId}:${userId}`;
}

/** AES-256-GCM with a fresh 96-bit nonce per call. Output: nonce ‖ ciphertext ‖ tag. */
export function sealSecret(key: Uint8Array, plaintext: Uint8Array, aad: string): Uint8Array {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return new Uint8Array(Buffer.concat([nonce, body, cipher.getAuthTag()]));
}

/** Throws SecretIntegrityError when the data, nonce, tag, key or AAD does not match. */
export function openSecret(key: Uint8Array, sealed: Uint8Array, aad: string): Uint8Array {
  if (sealed.length < NONCE_BYTES + TAG_BYTES) throw new SecretIntegrityError('sealed secret is truncated');
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const body = sealed.subarray(NONCE_BYTES, sealed.length - TAG_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  // Only the returned copy of the plaintext outlives the call (the caller can wipe it): what
  // OpenSSL handed over is wiped, also when the tag turns out wrong.
  let head: Buffer | undefined;
  let tail: Buffer | undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    head = decipher.update(body);
    tail = decipher.final();
    const plaintext = new Uint8Array(head.length + tail.length);
    plaintext.set(head);
    plaintext.set(tail, head.length);
    return plaintext;
  } catch (cause) {
    throw new SecretIntegrityError('sealed secret failed authentication', { cause });
  } finally {
    head?.fill(0);
    tail?.fill(0);
  }
}
