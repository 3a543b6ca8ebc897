import { md5 } from '@noble/hashes/legacy.js';
import { base64ToBytesLenient } from './bytes';

const MAGIC = 'Salted__';

/**
 * Decrypts what CryptoJS.AES.encrypt(text, passphrase) produced, the cipher the Authenticator
 * extension uses for its encrypted backups: base64 of "Salted__", an 8-byte salt and AES-256-CBC
 * ciphertext, with key and IV from OpenSSL's EVP_BytesToKey (MD5, one round). There is no library
 * for this legacy scheme beyond CryptoJS itself (unmaintained since 2023); the pieces are a
 * well-kept MD5 (@noble/hashes) and WebCrypto's AES-CBC. CBC has no integrity check: a wrong key
 * is noticed only by its padding (about 1 in 256 wrong keys passes), so callers check more.
 * Returns null when the data does not decrypt (an expected result: a wrong passphrase).
 */
export async function decryptOpenSslAes(
  base64: string,
  passphrase: string | Uint8Array,
): Promise<Uint8Array<ArrayBuffer> | null> {
  const data = base64ToBytesLenient(base64);
  if (data === undefined || data.length < 32 || (data.length - 16) % 16 !== 0) return null;
  if (String.fromCharCode(...data.subarray(0, 8)) !== MAGIC) return null;
  const salt = data.subarray(8, 16);
  const password = typeof passphrase === 'string' ? new TextEncoder().encode(passphrase) : passphrase;
  const { key, iv } = evpBytesToKey(password, salt);
  try {
    const aes = await crypto.subtle.importKey('raw', key, 'AES-CBC', false, ['decrypt']);
    const plain = await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, aes, data.subarray(16));
    return new Uint8Array(plain);
  } catch {
    // OperationError: the PKCS#7 padding did not check out.
    return null;
  }
}

/** EVP_BytesToKey(MD5, count 1): D_i = MD5(D_(i-1) || password || salt) until 48 bytes. */
function evpBytesToKey(password: Uint8Array, salt: Uint8Array) {
  const out = new Uint8Array(48);
  let previous = new Uint8Array(0);
  for (let filled = 0; filled < 48; filled += 16) {
    const input = new Uint8Array(previous.length + password.length + salt.length);
    input.set(previous);
    input.set(password, previous.length);
    input.set(salt, previous.length + password.length);
    previous = md5(input);
    out.set(previous, filled);
  }
  return { key: out.slice(0, 32), iv: out.slice(32, 48) };
}
