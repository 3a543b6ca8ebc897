import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openVault, type Vault } from '../../../../extension/vault';
import { DB_NAME, rawDb, totpDraft } from './vault-fixtures';

// Every vault write goes through runTransaction; these tests break a write half-way and check
// that what was stored before survives intact and no partial record appears.

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function snapshot() {
  const db = await rawDb();
  const records = await db.getAll('accounts');
  db.close();
  return records;
}

/** Makes the nth `put` (1-based) on any object store fail, as a crash or quota error would. */
function failNthPut(n: number, how: 'throw' | 'abort') {
  const original = IDBObjectStore.prototype.put;
  let calls = 0;
  return vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
    this: IDBObjectStore,
    ...args
  ) {
    calls++;
    if (calls === n) {
      if (how === 'abort') {
        // What a stopped service worker amounts to: the transaction never commits.
        this.transaction.abort();
      } else {
        throw new DOMException('Simulated failure', 'QuotaExceededError');
      }
    }
    return original.apply(this, args);
  });
}

async function vaultWith(count: number): Promise<{ vault: Vault; ids: string[] }> {
  const vault = await openVault({ dbName: DB_NAME });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await vault.add(totpDraft(i))).id);
  return { vault, ids };
}

describe.each(['throw', 'abort'] as const)('a write that fails half-way (%s)', (how) => {
  it('reorder: the puts already made are rolled back', async () => {
    const { vault, ids } = await vaultWith(4);
    const before = await snapshot();
    const spy = failNthPut(3, how);
    await expect(vault.reorder([...ids].reverse())).rejects.toThrow();
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockRestore();
    expect(await snapshot()).toEqual(before);
    expect((await vault.list()).accounts.map((a) => a.id)).toEqual(ids);
    vault.close();
  });

  it('update: the old record stays, whole and readable', async () => {
    const { vault, ids } = await vaultWith(2);
    const before = await snapshot();
    const expected = await vault.get(ids[0] ?? '');
    const spy = failNthPut(1, how);
    await expect(vault.update(ids[0] ?? '', { name: 'changed' })).rejects.toThrow();
    spy.mockRestore();
    expect(await snapshot()).toEqual(before);
    expect(await vault.get(ids[0] ?? '')).toEqual(expected);
    vault.close();
  });
});

describe('an add that fails', () => {
  it.each(['throw', 'abort'] as const)('(%s) leaves no record and keeps the others', async (how) => {
    const { vault, ids } = await vaultWith(2);
    const before = await snapshot();
    const original = IDBObjectStore.prototype.add;
    vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(function (
      this: IDBObjectStore,
      ...args
    ) {
      if (how === 'abort') this.transaction.abort();
      else throw new DOMException('Simulated failure', 'QuotaExceededError');
      return original.apply(this, args);
    });
    await expect(vault.add(totpDraft(7))).rejects.toThrow();
    expect(await snapshot()).toEqual(before);
    const { accounts, damaged } = await vault.list();
    expect(accounts.map((a) => a.id)).toEqual(ids);
    expect(damaged).toEqual([]);
    vault.close();
  });
});
