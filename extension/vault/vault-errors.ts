/** The vault layer's errors. Messages name records and slots by id, never by content. */
export class VaultError extends Error {
  override readonly name: string = 'VaultError';
}

/** What failed authentication: an account record, a key slot, or the snapshot (id `accounts`). */
export type IntegritySubject = { readonly kind: 'account' | 'slot' | 'snapshot'; readonly id: string };

const WHAT = { account: 'record', slot: 'key slot', snapshot: 'snapshot' } as const;

/**
 * Authentication failed (AES-GCM tag mismatch): a record's ciphertext, nonce or id, the snapshot,
 * or a slot's wrapped key, was changed outside this code. Nothing is deleted; other records stay
 * readable.
 */
export class VaultIntegrityError extends VaultError {
  override readonly name = 'VaultIntegrityError';
  /** The account record, key slot or snapshot that failed. */
  readonly subject: IntegritySubject;

  constructor(subject: IntegritySubject, options?: ErrorOptions) {
    super(
      `Vault ${WHAT[subject.kind]} ${subject.id} failed its integrity check; it was altered or damaged`,
      options,
    );
    this.subject = subject;
  }
}

/** The vault was written by a newer version of the extension; it is refused, never misread. */
export class VaultVersionError extends VaultError {
  override readonly name = 'VaultVersionError';
  readonly found: number;
  readonly supported: number;

  constructor(what: 'format' | 'database', found: number, supported: number, options?: ErrorOptions) {
    super(
      `The vault ${what} version is ${found}, but this extension reads only up to ${supported}. ` +
        'Update the extension; the vault was left untouched.',
      options,
    );
    this.found = found;
    this.supported = supported;
  }
}

/** No key slot this code can open without more input (e.g. only a passphrase slot exists). */
export class VaultLockedError extends VaultError {
  override readonly name = 'VaultLockedError';
}

/** The vault contradicts itself (e.g. a header without a usable slot, or a reorder list that does not match). */
export class VaultFormatError extends VaultError {
  override readonly name = 'VaultFormatError';
}

/** An update or removal named an account that does not exist. */
export class VaultNotFoundError extends VaultError {
  override readonly name = 'VaultNotFoundError';

  constructor(id: string) {
    super(`No account with id ${id}`);
  }
}
