import type { Account } from '../otp/account';
import { decodeAccountPayload, encodeAccountPayload } from './account-payload';
import { openAesGcm, sealAesGcm } from './aes-gcm';
import type { StoredAccount } from './vault-db';
import { VaultIntegrityError } from './vault-errors';

/** Binds a ciphertext to its record id, so records cannot be swapped or copied to another id. */
export function accountAad(id: string): string {
  return `account:${id}`;
}

export async function sealAccount(vaultKey: CryptoKey, account: Account): Promise<StoredAccount> {
  const sealed = await sealAesGcm(vaultKey, encodeAccountPayload(account), accountAad(account.id));
  return { id: account.id, order: account.order, ...sealed };
}

export async function openAccount(vaultKey: CryptoKey, record: StoredAccount): Promise<Account> {
  let plaintext: Uint8Array;
  try {
    plaintext = await openAesGcm(vaultKey, record, accountAad(record.id));
  } catch (error) {
    if (error instanceof DOMException && error.name === 'OperationError') {
      throw new VaultIntegrityError({ kind: 'account', id: record.id }, { cause: error });
    }
    throw error;
  }
  return decodeAccountPayload(plaintext, record.id, record.order);
}
