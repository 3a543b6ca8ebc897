import type { Account } from '../otp/account';
import { accountPayload, readAccountPayload } from './account-payload';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import { utf8Decode, utf8Encode } from './encoding';
import type { StoredSnapshot } from './vault-db';
import { VaultFormatError, VaultIntegrityError } from './vault-errors';

/**
 * Format 3: the whole account list as one value, so that opening the popup is one read, one
 * AES-GCM decryption and one JSON parse rather than one of each per account.
 */
export interface AccountSnapshot {
  /** Every readable account, in stored order (by `order`). */
  readonly accounts: readonly Account[];
  /** Ids of account records that were unreadable when the snapshot was made from the records. */
  readonly damaged: readonly string[];
}

/** Binds the ciphertext to its role: an account record's cannot pass for the snapshot, nor back. */
export const SNAPSHOT_AAD = 'snapshot:accounts';

export async function sealSnapshot(vaultKey: CryptoKey, snapshot: AccountSnapshot): Promise<StoredSnapshot> {
  const value = {
    accounts: snapshot.accounts.map((account) => ({
      id: account.id,
      order: account.order,
      ...accountPayload(account),
    })),
    damaged: snapshot.damaged,
  };
  return sealAesGcm(vaultKey, utf8Encode(JSON.stringify(value)), SNAPSHOT_AAD);
}

/** Decrypts and authenticates; VaultIntegrityError (subject `snapshot`) when any byte was altered. */
export async function openSnapshot(vaultKey: CryptoKey, stored: StoredSnapshot): Promise<AccountSnapshot> {
  let plaintext: Uint8Array;
  try {
    plaintext = await openAesGcm(vaultKey, stored, SNAPSHOT_AAD);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'OperationError') {
      throw new VaultIntegrityError({ kind: 'snapshot', id: 'accounts' }, { cause: error });
    }
    throw error;
  }
  return decodeSnapshot(plaintext);
}

/** Authenticated but malformed: only a bug or a newer writer makes that, so a format error. */
function decodeSnapshot(bytes: Uint8Array): AccountSnapshot {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch (error) {
    throw new VaultFormatError('The vault snapshot is not valid JSON', { cause: error });
  }
  const { accounts, damaged } = (value ?? {}) as Record<string, unknown>;
  if (!Array.isArray(accounts) || !Array.isArray(damaged) || !damaged.every((id) => typeof id === 'string')) {
    throw new VaultFormatError('The vault snapshot is malformed');
  }
  return {
    accounts: accounts.map((entry: unknown) => {
      const { id, order } = (entry ?? {}) as Record<string, unknown>;
      if (typeof id !== 'string' || !Number.isSafeInteger(order)) {
        throw new VaultFormatError('The vault snapshot has an entry without an id or order');
      }
      return readAccountPayload(entry, id, order as number);
    }),
    damaged: damaged as string[],
  };
}
