export {
  BackupError,
  BackupIntegrityError,
  BackupPassphraseError,
  BackupVersionError,
} from './backup-errors';
export { BACKUP_FORMAT, BACKUP_VERSION } from './backup-format';
export { encryptBackup } from './encrypt-backup';
export {
  MAX_ACCOUNTS_PER_BATCH,
  MAX_URI_LENGTH,
  type MigrationBatches,
  migrationBatches,
} from './migration-batches';
export { otpauthList, otpauthUri } from './otpauth-uri';
