import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openVault, type StoredSnapshot, type Vault, VaultIntegrityError } from '../../../../extension/vault';
import { openSnapshot, sealSnapshot } from '../../../../extension/vault/account-snapshot';
import { generateVaultKey } from '../../../../extension/vault/wrap-vault-key';
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

async function putSnapshot(value: StoredSnapshot | undefined): Promise<void> {
  const db = await rawDb();
  if (value === undefined) await db.delete('snapshot', 'accounts');
  else await db.put('snapshot', value, 'accounts');
  db.close();
}

async function storedSnapshot(): Promise<StoredSnapshot> {
  const db = await rawDb();
  const value = await db.get('snapshot', 'accounts');
  db.close();
  if (value === undefined) throw new Error('no snapshot');
  return value;
}

describe.each(['nonce', 'ciphertext'] as const)('tampering with the snapshot’s %s', (field) => {
  it('every flipped byte fails authentication, and the listing comes from the account records instead: the same accounts, never a wrong one', async () => {
    const { vault } = await twoAccounts();
    const expected = await vault.list();
    const original = await storedSnapshot();
    const db = await rawDb();
    const records = await db.getAll('accounts');
    for (let i = 0; i < original[field].length; i++) {
      const damaged = { ...original, [field]: flipped(original[field], i) };
      await putSnapshot(damaged);
      expect(await vault.list()).toEqual(expected);
      // Made anew from the records (it holds nothing they do not), and readable again.
      expect((await storedSnapshot()).nonce).not.toEqual(damaged.nonce);
    }
    expect(await db.getAll('accounts')).toEqual(records);
    db.close();
    vault.close();
  });
});

describe('the snapshot’s own integrity check', () => {
  it('gives VaultIntegrityError (subject: the snapshot) for every flipped byte', async () => {
    const key = await generateVaultKey();
    const sealed = await sealSnapshot(key, { accounts: [], damaged: ['x'] });
    expect(await openSnapshot(key, sealed)).toEqual({ accounts: [], damaged: ['x'] });
    for (const field of ['nonce', 'ciphertext'] as const) {
      for (let i = 0; i < sealed[field].length; i++) {
        const error = await openSnapshot(key, { ...sealed, [field]: flipped(sealed[field], i) }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(VaultIntegrityError);
        expect((error as VaultIntegrityError).subject).toEqual({ kind: 'snapshot', id: 'accounts' });
      }
    }
  });

  it('an account record’s ciphertext cannot pass for the snapshot, nor the snapshot for a record', async () => {
    const { vault, victim, other } = await twoAccounts();
    const expected = await vault.list();
    const db = await rawDb();
    const record = await db.get('accounts', victim);
    if (record === undefined) throw new Error('setup');
    await db.put('snapshot', { nonce: record.nonce, ciphertext: record.ciphertext }, 'accounts');
    expect(await vault.list()).toEqual(expected);
    const snapshot = await storedSnapshot();
    await db.put('accounts', { ...record, nonce: snapshot.nonce, ciphertext: snapshot.ciphertext });
    await db.delete('snapshot', 'accounts');
    const listing = await vault.list();
    expect(listing.accounts.map((a) => a.id)).toEqual([other]);
    expect(listing.damaged.map((e) => e.subject)).toEqual([{ kind: 'account', id: victim }]);
    db.close();
    vault.close();
  });
});

describe.each(['nonce', 'ciphertext'] as const)('tampering with an account record’s %s', (field) => {
  it('never changes a code; with the snapshot unreadable too, every flipped byte is VaultIntegrityError for that record alone, and nothing is deleted', async () => {
    const { vault, victim, other } = await twoAccounts();
    const expected = await vault.list();
    const db = await rawDb();
    const original = await db.get('accounts', victim);
    const snapshot = await storedSnapshot();
    if (original === undefined) throw new Error('setup');
    const unreadable = { ...snapshot, ciphertext: flipped(snapshot.ciphertext, 0) };
    expect(original[field].length).toBeGreaterThan(0);
    for (let i = 0; i < original[field].length; i++) {
      await db.put('accounts', { ...original, [field]: flipped(original[field], i) });
      // The snapshot holds the account too: what is shown stays right.
      await putSnapshot(snapshot);
      expect(await vault.list()).toEqual(expected);
      // Without it, the record is read, and fails.
      await putSnapshot(unreadable);
      const listing = await vault.list();
      expect(listing.accounts).toEqual(expected.accounts.filter((a) => a.id === other));
      expect(listing.damaged).toHaveLength(1);
      await expectIntegrityError(Promise.reject(listing.damaged[0]), 'account', victim);
    }
    expect(await db.count('accounts')).toBe(2);
    // Nothing was rewritten or deleted: with the byte restored, the account reads again.
    await db.put('accounts', original);
    await putSnapshot(undefined);
    expect(await vault.list()).toEqual(expected);
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
    await db.delete('snapshot', 'accounts');
    const listing = await vault.list();
    const byId = (id: string) => listing.damaged.find((e) => e.subject.id === id);
    await expectIntegrityError(Promise.reject(byId(other)), 'account', other);
    await expectIntegrityError(Promise.reject(byId('copied')), 'account', 'copied');
    expect(listing.damaged).toHaveLength(2);
    // Still known as damaged once the listing has stored its snapshot.
    await expect(vault.get(other)).rejects.toMatchObject({ subject: { kind: 'account', id: other } });
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
