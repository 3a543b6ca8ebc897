import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { eraseVault, MIN_ARGON2ID, openVault, VaultLockedError } from '../../../../extension/vault';
import { DB_NAME, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

describe('eraseVault: the way out of a forgotten passphrase', () => {
  it('deletes accounts and passphrase: the next open is a new, empty vault without one', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    await vault.add(totpDraft(1));
    await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: MIN_ARGON2ID,
    });
    vault.close();
    await expect(openVault({ dbName: DB_NAME })).rejects.toBeInstanceOf(VaultLockedError);

    await eraseVault(DB_NAME);
    const fresh = await openVault({ dbName: DB_NAME });
    expect(fresh.passphraseRequired).toBe(false);
    expect((await fresh.list()).accounts).toEqual([]);
    fresh.close();
  }, 20_000);

  it('is not held up by a vault left open elsewhere (a popup, the worker): that one closes itself', async () => {
    const open = await openVault({ dbName: DB_NAME });
    await open.add(totpDraft(1));
    await eraseVault(DB_NAME);
    const fresh = await openVault({ dbName: DB_NAME });
    expect((await fresh.list()).accounts).toEqual([]);
    fresh.close();
    // The old handle reads nothing of the new vault.
    await expect(open.list()).rejects.toThrow();
  });
});
