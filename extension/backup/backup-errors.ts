/** The backup layer's errors. Messages never contain a passphrase, a secret or the file's content. */
export class BackupError extends Error {
  override readonly name: string = 'BackupError';
}

/**
 * The file is ours but was altered or damaged: cut off, a byte changed, a field missing, or the
 * ciphertext failing its AES-GCM tag. Nothing is ever read from such a file.
 */
export class BackupIntegrityError extends BackupError {
  override readonly name = 'BackupIntegrityError';
}

/** The passphrase does not open the file (its key check does not match). */
export class BackupPassphraseError extends BackupError {
  override readonly name = 'BackupPassphraseError';
}

/** Written by a newer version of the extension; refused, never misread. */
export class BackupVersionError extends BackupError {
  override readonly name = 'BackupVersionError';
  readonly found: number;
  readonly supported: number;

  constructor(found: number, supported: number) {
    super(`The backup format version is ${found}, but this extension reads only up to ${supported}`);
    this.found = found;
    this.supported = supported;
  }
}
