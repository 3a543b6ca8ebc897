import type { KeySlot } from './key-slot';
import { VaultFormatError, VaultVersionError } from './vault-errors';

/**
 * The vault format this code writes and the newest it reads. Bump it for any incompatible change.
 * 2: passphrase slots may use argon2id (an older reader would misread them as PBKDF2).
 * 3: the snapshot, written with every change (an older writer would leave it behind the records).
 */
export const VAULT_FORMAT_VERSION = 3;

/** The single record in the `meta` store, key `header`. Stored in the clear; see docs/vault.md. */
export interface VaultHeader {
  readonly formatVersion: number;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly slots: readonly KeySlot[];
}

/** Refuses a vault written by a newer format rather than misreading it (Aegis `VaultFile`). */
export function checkHeaderVersion(header: VaultHeader): void {
  const version = header.formatVersion;
  if (!Number.isSafeInteger(version) || version < 1) {
    throw new VaultFormatError('The vault header has no valid format version');
  }
  if (version > VAULT_FORMAT_VERSION) {
    throw new VaultVersionError('format', version, VAULT_FORMAT_VERSION);
  }
}
