import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openVault, type Vault, VaultIntegrityError } from '../../../../extension/vault';
import { DB_NAME, flipped, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const open = () => openVault({ dbName: DB_NAME });

async function twoAccounts(): Promise<{ vault: Vault; victim: string; other: string }> {
  const vault = await open();
  const victim = (await vault.add(totpDraft(1))).id;
  const other = (await vault.add(totpDraft(2))).id;
  return { vault, victim, other };
}

async function expectIntegrityError(promise: Promise<unknown>, kind: 'account' | 'slot', id: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultIntegrityError);
  expect((error as VaultIntegrityError).subject).toEqual({ kind, id });
  expect((error as Error).cause).toBeInstanceOf(DOMException);
}

describe.each(['nonce', 'ciphertext'] as const)('tampering with a record’s %s', (field) => {
  it('gives VaultIntegrityError for every flipped byte, deletes nothing, leaves others readable', async () => {
    const { vault, victim, other } = await twoAccounts();
    const expectedOther = await vault.get(other);
    const db = await rawDb();
    const original = await db.get('accounts', victim);
    if (original === undefined) throw new Error('setup');
    expect(original[field].length).toBeGreaterThan(0);
    for (let i = 0; i < original[field].length; i++) {
      await db.put('accounts', { ...original, [field]: flipped(original[field], i) });
      await expectIntegrityError(vault.get(victim), 'account', victim);
    }
    const listing = await vault.list();
    expect(listing.accounts).toEqual([expectedOther]);
    expect(listing.damaged.map((e) => e.subject)).toEqual([{ kind: 'account', id: victim }]);
    expect(await db.count('accounts')).toBe(2);
    // Nothing was rewritten or deleted: restoring the byte makes the account readable again.
    await db.put('accounts', original);
    expect((await vault.get(victim))?.label).toBe('user1@example.nl');
    db.close();
    vault.close();
  });
});

describe('moving a record', () => {
  it('fails authentication under another id (AAD = record id)', async () => {
    const { vault, victim, other } = await twoAccounts();
    const db = await rawDb();
    const source = await db.get('accounts', victim);
    if (source === undefined) throw new Error('setup');
    await db.put('accounts', { ...source, id: other });
    await db.put('accounts', { ...source, id: 'copied' });
    await expectIntegrityError(vault.get(other), 'account', other);
    await expectIntegrityError(vault.get('copied'), 'account', 'copied');
    expect((await vault.get(victim))?.label).toBe('user1@example.nl');
    db.close();
    vault.close();
  });
});

describe('tampering with the wrapped vault key', () => {
  it.each(['wrappedKey', 'nonce'] as const)(
    'a flipped byte of the slot’s %s refuses to open, deletes nothing',
    async (field) => {
      const { vault } = await twoAccounts();
      const before = (await vault.list()).accounts;
      vault.close();
      const db = await rawDb();
      const header = await db.get('meta', 'header');
      const slot = header?.slots[0];
      if (header === undefined || slot === undefined) throw new Error('setup');
      for (let i = 0; i < slot[field].length; i++) {
        await db.put('meta', { ...header, slots: [{ ...slot, [field]: flipped(slot[field], i) }] }, 'header');
        await expectIntegrityError(open(), 'slot', slot.id);
      }
      expect(await db.count('accounts')).toBe(2);
      await db.put('meta', header, 'header');
      db.close();
      const reopened = await open();
      expect((await reopened.list()).accounts).toEqual(before);
      reopened.close();
    },
  );
});
