import { BackupIntegrityError, BackupPassphraseError, BackupVersionError } from '../backup/backup-errors';
import { readBackupFile } from '../backup/open-backup';
import { EntryCollector, entryName } from './collect-entries';
import { ImportError } from './import-error';
import type { ImportReading, ImportResult } from './import-result';

/** Restoring our own encrypted backup (docs/backup.md) is an import like any other. */
export async function readOwnBackup(text: string): Promise<ImportReading> {
  const sealed = await readBackupFile(text).catch(rethrow);
  return {
    status: 'locked',
    format: 'backup',
    async unlock(passphrase): Promise<ImportResult> {
      const entries = await sealed.open(passphrase).catch(rethrow);
      const collector = new EntryCollector();
      for (const { fields, pinned, origins } of entries) {
        collector.add(fields, entryName(fields.issuer, fields.label), pinned, origins);
      }
      return { format: 'backup', accounts: collector.accounts, rejected: collector.rejected, warnings: [] };
    },
  };
}

function rethrow(error: unknown): never {
  if (error instanceof BackupVersionError)
    throw new ImportError('newer-version', error.message, { cause: error });
  if (error instanceof BackupPassphraseError)
    throw new ImportError('wrong-passphrase', error.message, { cause: error });
  if (error instanceof BackupIntegrityError)
    throw new ImportError('damaged', error.message, { cause: error });
  throw error;
}
