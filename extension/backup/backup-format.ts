import type { Argon2Params } from '../vault/derive-argon2';

/** The `format` field: how a file says it is ours. See docs/backup.md. */
export const BACKUP_FORMAT = 'totp-authenticator-backup';
/** The version this code writes and the newest it reads. */
export const BACKUP_VERSION = 1;

/** The file as written: JSON, every byte field base64. See docs/backup.md for each field. */
export interface BackupFile {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly kdf: { readonly name: 'argon2id'; readonly salt: string } & Argon2Params;
  /** HKDF output beside the AES key: tells a wrong passphrase apart from altered ciphertext. */
  readonly keyCheck: string;
  readonly cipher: { readonly name: 'AES-256-GCM'; readonly nonce: string };
  readonly ciphertext: string;
  /** SHA-256 of every other field (see checksumInput): finds damage before the slow KDF runs. */
  readonly checksum: string;
}

/** One account inside the ciphertext. */
export interface BackupAccount {
  readonly type: 'totp' | 'hotp';
  /** Base32, no padding. */
  readonly secret: string;
  readonly algorithm: string;
  readonly digits: number;
  readonly period?: number;
  readonly counter?: number;
  readonly issuer: string;
  readonly label: string;
  readonly name: string;
  readonly pinned: boolean;
  /** The websites the account belongs to (issue 12); absent when none. */
  readonly origins?: readonly string[];
}

/** The plaintext: UTF-8 JSON. */
export interface BackupContent {
  readonly exportedAt: number;
  readonly accounts: readonly BackupAccount[];
}

/** The AES-GCM additional data: binds the ciphertext to the format and version it was written for. */
export function backupAad(version: number): string {
  return `${BACKUP_FORMAT}:${version}`;
}

/** The checksum's input: every field but the checksum, one a line, in a fixed order. */
export function checksumInput(file: Omit<BackupFile, 'checksum'>): string {
  const { kdf, cipher } = file;
  return [
    file.format,
    file.version,
    kdf.name,
    kdf.memoryKiB,
    kdf.iterations,
    kdf.parallelism,
    kdf.salt,
    file.keyCheck,
    cipher.name,
    cipher.nonce,
    file.ciphertext,
  ].join('\n');
}
