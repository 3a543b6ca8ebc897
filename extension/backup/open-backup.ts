import type { AccountFields } from '../otp/account-draft-from-fields';
import { MAX_ORIGINS, siteOrigin } from '../otp/site-origin';
import { type Argon2Params, argon2ParamsAllowed } from '../vault/derive-argon2';
import { base64ToBytes, utf8Decode, utf8Encode } from '../vault/encoding';
import { equalBytes } from '../vault/equal-bytes';
import { BackupIntegrityError, BackupPassphraseError, BackupVersionError } from './backup-errors';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupFile, backupAad, checksumInput } from './backup-format';
import { deriveBackupKeys, sha256Base64 } from './derive-backup-keys';

/** Field names only our backup has together; two of them mark a damaged file as ours still. */
const OWN_FIELDS = ['"keyCheck"', '"ciphertext"', '"checksum"', '"kdf"'];

/** True when `text` is (or was, before damage) one of our backup files. */
export function looksLikeBackup(text: string): boolean {
  return text.includes(BACKUP_FORMAT) || OWN_FIELDS.filter((field) => text.includes(field)).length >= 2;
}

/** One account as read from the plaintext, for the importer to validate like any other input. */
export interface BackupEntry {
  readonly fields: AccountFields;
  readonly pinned: boolean;
  readonly origins?: readonly string[];
}

/** A checked backup file, waiting for its passphrase. */
export interface SealedBackup {
  /** The accounts as text fields (validated by the importer); BackupPassphraseError, BackupIntegrityError. */
  open(passphrase: string): Promise<BackupEntry[]>;
}

const damaged = (what: string) => new BackupIntegrityError(`The backup file is damaged or altered (${what})`);

/**
 * Parses and checks a backup file before any passphrase is asked: a newer version is refused
 * (BackupVersionError), and anything cut off, malformed or not matching its checksum is a
 * BackupIntegrityError, so a flipped byte anywhere is caught here, before the slow KDF.
 */
export async function readBackupFile(text: string): Promise<SealedBackup> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw damaged('not JSON');
  }
  const file = json as Partial<BackupFile> | null;
  if (typeof file !== 'object' || file === null) throw damaged('not an object');
  if (Number.isSafeInteger(file.version) && (file.version as number) > BACKUP_VERSION) {
    throw new BackupVersionError(file.version as number, BACKUP_VERSION);
  }
  const { kdf, cipher } = file;
  if (
    file.format !== BACKUP_FORMAT ||
    file.version !== BACKUP_VERSION ||
    kdf?.name !== 'argon2id' ||
    cipher?.name !== 'AES-256-GCM' ||
    ![kdf.salt, file.keyCheck, cipher.nonce, file.ciphertext, file.checksum].every(
      (f) => typeof f === 'string',
    )
  ) {
    throw damaged('fields');
  }
  const valid = file as BackupFile;
  if ((await sha256Base64(checksumInput(valid))) !== valid.checksum) throw damaged('checksum');
  const bytes = (field: string) => {
    try {
      return base64ToBytes(field);
    } catch {
      throw damaged('base64');
    }
  };
  const salt = bytes(valid.kdf.salt);
  const params: Argon2Params = {
    memoryKiB: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
  };
  if (!argon2ParamsAllowed(params, salt.length, 32)) throw damaged('KDF parameters');
  const keyCheck = bytes(valid.keyCheck);
  const nonce = bytes(valid.cipher.nonce);
  const ciphertext = bytes(valid.ciphertext);
  return {
    async open(passphrase) {
      const keys = await deriveBackupKeys(passphrase, salt, params);
      if (!equalBytes(keys.keyCheck, keyCheck)) {
        throw new BackupPassphraseError('The passphrase does not open this backup');
      }
      let plain: string;
      try {
        const aad = utf8Encode(backupAad(valid.version));
        plain = utf8Decode(
          new Uint8Array(
            await crypto.subtle.decrypt(
              { name: 'AES-GCM', iv: nonce, additionalData: aad },
              keys.key,
              ciphertext,
            ),
          ),
        );
      } catch {
        throw damaged('ciphertext');
      }
      return readContent(plain);
    },
  };
}

/** The authenticated plaintext; only a bug could make it malformed, but it is checked all the same. */
function readContent(plain: string): BackupEntry[] {
  let content: { accounts?: unknown };
  try {
    content = JSON.parse(plain) as { accounts?: unknown };
  } catch {
    throw damaged('content');
  }
  if (!Array.isArray(content.accounts)) throw damaged('content');
  return content.accounts.map((value: unknown) => {
    const a = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    const num = (v: unknown) => (typeof v === 'number' ? String(v) : undefined);
    const fields: AccountFields = {
      type: str(a.type),
      secret: str(a.secret),
      issuer: str(a.issuer),
      label: str(a.label),
      name: str(a.name),
      algorithm: str(a.algorithm),
      digits: num(a.digits),
      period: num(a.period),
      counter: num(a.counter),
    };
    // Websites (added in issue 12; older backups have none): kept only if every one is an origin;
    // of more than the vault keeps, the first MAX_ORIGINS distinct ones.
    const origins =
      Array.isArray(a.origins) && a.origins.every((o) => typeof o === 'string' && siteOrigin(o) === o)
        ? [...new Set(a.origins as string[])].slice(0, MAX_ORIGINS)
        : undefined;
    return { fields, pinned: a.pinned === true, ...(origins ? { origins } : {}) };
  });
}
