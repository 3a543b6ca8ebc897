import { type IDBPDatabase, openDB } from 'idb';
import type { AccountDraft } from '../../../../extension/otp';
import type { VaultDB } from '../../../../extension/vault';

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
