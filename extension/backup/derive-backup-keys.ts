import { type Argon2Params, deriveArgon2 } from '../vault/derive-argon2';
import { bytesToBase64, utf8Encode } from '../vault/encoding';

export interface BackupKeys {
  readonly key: CryptoKey;
  readonly keyCheck: Uint8Array<ArrayBuffer>;
}

/**
 * argon2id(NFC(passphrase), salt) → 32 bytes, then HKDF-SHA-256 (RFC 5869, empty salt) splits it
 * into the AES-256-GCM key and a 32-byte key check, with distinct `info` labels, so the stored check
 * says nothing about the key.
 */
export async function deriveBackupKeys(
  passphrase: string,
  salt: Uint8Array,
  params: Argon2Params,
): Promise<BackupKeys> {
  const master = await deriveArgon2(passphrase.normalize('NFC'), salt, params, 32);
  const hkdf = await crypto.subtle.importKey('raw', new Uint8Array(master), 'HKDF', false, [
    'deriveKey',
    'deriveBits',
  ]);
  const info = (label: string) => ({
    name: 'HKDF',
    hash: 'SHA-256',
    salt: new Uint8Array(0),
    info: utf8Encode(`totp-authenticator-backup ${label}`),
  });
  const key = await crypto.subtle.deriveKey(
    info('encryption key'),
    hkdf,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  const keyCheck = new Uint8Array(await crypto.subtle.deriveBits(info('key check'), hkdf, 256));
  return { key, keyCheck };
}

export async function sha256Base64(text: string): Promise<string> {
  return bytesToBase64(new Uint8Array(await crypto.subtle.digest('SHA-256', utf8Encode(text))));
}
