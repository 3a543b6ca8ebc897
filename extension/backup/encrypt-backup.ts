import { Secret } from 'otpauth/bare';
import type { AccountDraft } from '../otp/account';
import { ARGON2ID_DEFAULTS, type Argon2Params } from '../vault/derive-argon2';
import { bytesToBase64, utf8Encode } from '../vault/encoding';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupAccount,
  type BackupContent,
  type BackupFile,
  backupAad,
  checksumInput,
} from './backup-format';
import { deriveBackupKeys, sha256Base64 } from './derive-backup-keys';

export interface EncryptBackupOptions {
  readonly params?: Argon2Params;
  /** Fixed inputs for the documented test vectors; random (16 and 12 bytes) otherwise. */
  readonly salt?: Uint8Array;
  readonly nonce?: Uint8Array;
  readonly now?: number;
}

/** The account as it goes into the backup: everything but the vault's id and order. */
export function backupAccount(account: AccountDraft): BackupAccount {
  const common = {
    type: account.type,
    secret: new Secret({ buffer: new Uint8Array(account.secret).buffer }).base32.replace(/=+$/, ''),
    algorithm: account.algorithm,
    digits: account.digits,
  };
  const kind = account.type === 'totp' ? { period: account.period } : { counter: account.counter };
  const names = {
    issuer: account.issuer,
    label: account.label,
    name: account.name,
    pinned: account.pinned ?? false,
    ...(account.origins !== undefined && account.origins.length > 0 ? { origins: account.origins } : {}),
  };
  return { ...common, ...kind, ...names };
}

/**
 * The encrypted backup file (docs/backup.md) of `accounts`, as JSON text: argon2id (the parameters
 * are in the file, so they can be raised) and AES-256-GCM over the accounts as JSON.
 */
export async function encryptBackup(
  accounts: readonly AccountDraft[],
  passphrase: string,
  options: EncryptBackupOptions = {},
): Promise<string> {
  if (passphrase === '') throw new RangeError('The passphrase is empty');
  const params = options.params ?? ARGON2ID_DEFAULTS;
  const salt = options.salt ?? crypto.getRandomValues(new Uint8Array(16));
  const nonce = new Uint8Array(options.nonce ?? crypto.getRandomValues(new Uint8Array(12)));
  const { key, keyCheck } = await deriveBackupKeys(passphrase, salt, params);
  const content: BackupContent = {
    exportedAt: options.now ?? Date.now(),
    accounts: accounts.map(backupAccount),
  };
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: utf8Encode(backupAad(BACKUP_VERSION)) },
    key,
    utf8Encode(JSON.stringify(content)),
  );
  const unsigned = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    kdf: { name: 'argon2id', ...params, salt: bytesToBase64(salt) },
    keyCheck: bytesToBase64(keyCheck),
    cipher: { name: 'AES-256-GCM', nonce: bytesToBase64(nonce) },
    ciphertext: bytesToBase64(new Uint8Array(ciphertext)),
  } as const;
  const file: BackupFile = { ...unsigned, checksum: await sha256Base64(checksumInput(unsigned)) };
  return `${JSON.stringify(file, null, 2)}\n`;
}
