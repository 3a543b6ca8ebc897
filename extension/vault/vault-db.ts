import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { VaultVersionError } from './vault-errors';
import type { VaultHeader } from './vault-header';

/**
 * The IndexedDB schema version (object stores and indexes), distinct from the vault format version.
 * 2: the `snapshot` store (format 3).
 */
export const VAULT_DB_VERSION = 2;

export const DEFAULT_VAULT_DB_NAME = 'totp-vault';

/** One account, encrypted. Only `id` and `order` are in the clear; see docs/vault.md. */
export interface StoredAccount {
  readonly id: string;
  readonly order: number;
  /** AES-GCM nonce, fresh for every write. */
  readonly nonce: Uint8Array<ArrayBuffer>;
  /** AES-GCM ciphertext of the JSON payload with the 16-byte tag appended; AAD `account:<id>`. */
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

/** Every account in one ciphertext, kept in step with the account records; see docs/vault.md. */
export interface StoredSnapshot {
  /** AES-GCM nonce, fresh for every write: it also serves as the vault's revision. */
  readonly nonce: Uint8Array<ArrayBuffer>;
  /** AES-GCM ciphertext of the JSON snapshot with the 16-byte tag appended; AAD `snapshot:accounts`. */
  readonly ciphertext: Uint8Array<ArrayBuffer>;
}

export interface VaultDB extends DBSchema {
  meta: { key: 'header'; value: VaultHeader };
  accounts: { key: string; value: StoredAccount; indexes: { 'by-order': number } };
  snapshot: { key: 'accounts'; value: StoredSnapshot };
}

export type VaultDatabase = IDBPDatabase<VaultDB>;

export async function openVaultDb(name: string): Promise<VaultDatabase> {
  try {
    return await openDB<VaultDB>(name, VAULT_DB_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore('meta');
          db.createObjectStore('accounts', { keyPath: 'id' }).createIndex('by-order', 'order');
        }
        // Only the store: the snapshot itself needs the vault key, so the first write (or listing)
        // after the upgrade makes it (see read-account-state.ts).
        if (oldVersion < 2) db.createObjectStore('snapshot');
      },
      // A newer extension version (after an update) wants to upgrade: step aside rather than block it.
      blocking(_currentVersion, _blockedVersion, event) {
        (event.target as IDBDatabase).close();
      },
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'VersionError') {
      throw new VaultVersionError('database', await currentDbVersion(name), VAULT_DB_VERSION, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Opening without a version never upgrades; it only reports the version on disk. */
async function currentDbVersion(name: string): Promise<number> {
  const db = await openDB(name);
  const version = db.version;
  db.close();
  return version;
}
