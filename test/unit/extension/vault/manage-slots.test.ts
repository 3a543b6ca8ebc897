import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MIN_PBKDF2_ITERATIONS,
  openVault,
  VaultError,
  VaultIntegrityError,
  VaultLockedError,
} from '../../../../extension/vault';
import { DB_NAME, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

async function slots() {
  const db = await rawDb();
  const header = await db.get('meta', 'header');
  db.close();
  return header?.slots ?? [];
}

describe('passphrase slot (PBKDF2-SHA256)', () => {
  it('opens the vault by passphrase alone once the device slot is removed', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const account = await vault.add(totpDraft(1));
    const slotId = await vault.addPassphraseSlot('correct horse battery staple', { name: 'PBKDF2' });
    const [device, passphrase] = await slots();
    expect(device?.type).toBe('device');
    expect(passphrase).toMatchObject({ type: 'passphrase', id: slotId });
    expect(passphrase?.type === 'passphrase' && passphrase.kdf).toMatchObject({
      name: 'PBKDF2',
      hash: 'SHA-256',
      iterations: MIN_PBKDF2_ITERATIONS,
    });
    expect(passphrase?.type === 'passphrase' && passphrase.kdf.salt.length).toBe(16);

    await vault.removeSlot(device?.id ?? '');
    await expect(vault.removeSlot(slotId)).rejects.toBeInstanceOf(VaultError);
    vault.close();

    await expect(openVault({ dbName: DB_NAME })).rejects.toBeInstanceOf(VaultLockedError);
    await expect(openVault({ dbName: DB_NAME, passphrase: 'wrong' })).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
    const reopened = await openVault({ dbName: DB_NAME, passphrase: 'correct horse battery staple' });
    expect(await reopened.get(account.id)).toEqual(account);
    reopened.close();
  }, 20_000);

  it('stores raised iterations, and refuses fewer than the minimum', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const pbkdf2 = (iterations: number) => ({ name: 'PBKDF2', iterations }) as const;
    await expect(vault.addPassphraseSlot('pw', pbkdf2(MIN_PBKDF2_ITERATIONS - 1))).rejects.toBeInstanceOf(
      VaultError,
    );
    await expect(vault.addPassphraseSlot('', pbkdf2(MIN_PBKDF2_ITERATIONS))).rejects.toBeInstanceOf(
      VaultError,
    );
    await vault.addPassphraseSlot('pw', pbkdf2(MIN_PBKDF2_ITERATIONS + 100_000));
    vault.close();
    const passphrase = (await slots()).find((slot) => slot.type === 'passphrase');
    expect(passphrase?.type === 'passphrase' && passphrase.kdf.iterations).toBe(
      MIN_PBKDF2_ITERATIONS + 100_000,
    );
    (await openVault({ dbName: DB_NAME, passphrase: 'pw' })).close();
    await expect(openVault({ dbName: DB_NAME, passphrase: 'pw2' })).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  }, 20_000);
});
