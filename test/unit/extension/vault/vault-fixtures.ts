import { type IDBPDatabase, openDB } from 'idb';
import type { Account, AccountDraft } from '../../../../extension/otp';
import type { VaultDB } from '../../../../extension/vault';
import { sealAccount } from '../../../../extension/vault/account-record';
import { newAccount } from '../../../../extension/vault/add-accounts';
import { createDeviceSlot } from '../../../../extension/vault/device-slot';
import { generateVaultKey } from '../../../../extension/vault/wrap-vault-key';

export const DB_NAME = 'test-vault';

/** 20 distinct bytes, so a wrong decryption could not pass for the right secret by accident. */
export function secretBytes(seed: number): Uint8Array {
  return Uint8Array.from({ length: 20 }, (_, i) => (seed * 31 + i * 7) & 0xff);
}

export function totpDraft(seed: number, overrides: Partial<AccountDraft> = {}): AccountDraft {
  return {
    type: 'totp',
    secret: secretBytes(seed),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: `Issuer ${seed}`,
    label: `user${seed}@example.nl`,
    name: `Mijn account ${seed}`,
    ...overrides,
  } as AccountDraft;
}

/** The database as stored, bypassing the vault: what an attacker with the files could edit. */
export function rawDb(): Promise<IDBPDatabase<VaultDB>> {
  return openDB<VaultDB>(DB_NAME);
}

export function flipped(bytes: Uint8Array, index: number): Uint8Array<ArrayBuffer> {
  const copy = new Uint8Array(bytes);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

/**
 * A vault exactly as format 2 wrote it: schema version 1 (no snapshot store), header format 2, one
 * record per account. Built with the record and slot code, which format 3 left unchanged.
 */
export async function writeFormat2Vault(drafts: readonly AccountDraft[]): Promise<Account[]> {
  const db = await openDB(DB_NAME, 1, {
    upgrade(d) {
      d.createObjectStore('meta');
      d.createObjectStore('accounts', { keyPath: 'id' }).createIndex('by-order', 'order');
    },
  });
  const vaultKey = await generateVaultKey();
  const header = {
    formatVersion: 2,
    createdAt: 1_700_000_000_000,
    slots: [await createDeviceSlot(vaultKey)],
  };
  const accounts = drafts.map((draft, order) => ({ ...newAccount(draft, 1_700_000_000_000), order }));
  const records = await Promise.all(accounts.map((account) => sealAccount(vaultKey, account)));
  const tx = db.transaction(['meta', 'accounts'], 'readwrite');
  await Promise.all([
    tx.objectStore('meta').put(header, 'header'),
    ...records.map((record) => tx.objectStore('accounts').put(record)),
    tx.done,
  ]);
  db.close();
  return accounts;
}
