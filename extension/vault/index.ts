export { eraseVault } from './erase-vault';
export type { Argon2idKdf, DeviceSlot, KeySlot, PassphraseSlot, Pbkdf2Params } from './key-slot';
export { type OpenVaultOptions, openVault } from './open-vault';
export {
  type KdfChoice,
  MIN_ARGON2ID,
  MIN_PBKDF2_ITERATIONS,
  PASSPHRASE_ARGON2ID,
} from './passphrase-slot';
export { readSessionKey, type SessionKey, type StoredSessionKey, storeSessionKey } from './session-key';
export {
  DEFAULT_VAULT_DB_NAME,
  type StoredAccount,
  type StoredSnapshot,
  VAULT_DB_VERSION,
  type VaultDB,
} from './vault-db';
export {
  VaultError,
  VaultFormatError,
  VaultIntegrityError,
  VaultLockedError,
  VaultNotFoundError,
  VaultVersionError,
} from './vault-errors';
export { VAULT_FORMAT_VERSION, type VaultHeader } from './vault-header';
export type { AccountPatch, Vault, VaultListing } from './vault-types';
