import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openVault, type Vault, VaultError } from '../../../../extension/vault';
import { DB_NAME, rawDb, totpDraft } from './vault-fixtures';

let vault: Vault;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vault = await openVault({ dbName: DB_NAME });
});
afterEach(() => vault.close());

const PORTAL = 'https://portaal.example.nl';

// Issue 12: where an account came from lives inside the encrypted record (SECURITY #21, #35).
describe("an account's websites", () => {
  test('stored with the account, read back after reopening, and never in the clear', async () => {
    const added = await vault.add(totpDraft(1, { origins: [PORTAL, PORTAL] }));
    expect(added.origins).toEqual([PORTAL]);
    vault.close();
    vault = await openVault({ dbName: DB_NAME });
    expect((await vault.get(added.id))?.origins).toEqual([PORTAL]);
    const db = await rawDb();
    const record = await db.get('accounts', added.id);
    db.close();
    expect(new TextDecoder('latin1').decode(record?.ciphertext)).not.toContain('portaal');
  });

  test('an account without websites has none, and keeps none after an unrelated change', async () => {
    const added = await vault.add(totpDraft(2));
    expect(added.origins).toBeUndefined();
    expect((await vault.update(added.id, { name: 'Balie' })).origins).toBeUndefined();
  });

  test('they can be set, added to and cleared', async () => {
    const added = await vault.add(totpDraft(3));
    expect((await vault.update(added.id, { origins: [PORTAL] })).origins).toEqual([PORTAL]);
    const two = [PORTAL, 'https://acceptatie.portaal.example.nl'];
    expect((await vault.update(added.id, { origins: two })).origins).toEqual(two);
    expect((await vault.update(added.id, { origins: [] })).origins).toEqual([]);
    expect((await vault.get(added.id))?.origins).toBeUndefined();
  });

  test('one added or removed by the sites editor keeps what another part changed meanwhile', async () => {
    const ACCEPTANCE = 'https://acceptatie.portaal.example.nl';
    const OTHER = 'https://andere.example.nl';
    const added = await vault.add(totpDraft(5, { origins: [PORTAL] }));
    // Another popup adds a site after this one showed [PORTAL]; this one then adds its own.
    await vault.update(added.id, { addOrigin: OTHER });
    expect((await vault.update(added.id, { addOrigin: ACCEPTANCE })).origins).toEqual([
      PORTAL,
      OTHER,
      ACCEPTANCE,
    ]);
    // Removing one leaves the others, whoever added them; adding one twice keeps it once.
    expect((await vault.update(added.id, { removeOrigin: PORTAL })).origins).toEqual([OTHER, ACCEPTANCE]);
    expect((await vault.update(added.id, { addOrigin: OTHER })).origins).toEqual([OTHER, ACCEPTANCE]);
    expect((await vault.get(added.id))?.origins).toEqual([OTHER, ACCEPTANCE]);
  });

  test.each([
    [0, 'no origin', 'portaal.example.nl'],
    [1, 'a path', 'https://portaal.example.nl/login'],
  ])('case %i: adding %s is refused and nothing changes', async (_i, _what, origin) => {
    const added = await vault.add(totpDraft(6, { origins: [PORTAL] }));
    await expect(vault.update(added.id, { addOrigin: origin })).rejects.toBeInstanceOf(VaultError);
    expect((await vault.get(added.id))?.origins).toEqual([PORTAL]);
  });

  test('adding past the most websites an account may have is refused, whatever the editor showed', async () => {
    const full = Array.from({ length: 20 }, (_, i) => `https://s${i}.example`);
    const added = await vault.add(totpDraft(7, { origins: full }));
    await expect(vault.update(added.id, { addOrigin: PORTAL })).rejects.toBeInstanceOf(VaultError);
    expect((await vault.get(added.id))?.origins).toEqual(full);
  });

  test.each([
    [0, 'no origin', ['portaal.example.nl']],
    [1, 'a path', ['https://portaal.example.nl/login']],
    [2, 'another scheme', ['chrome-extension://abc']],
    [3, 'too many', Array.from({ length: 21 }, (_, i) => `https://s${i}.example`)],
  ])('case %i: %s is refused and nothing changes', async (_i, _what, origins) => {
    const added = await vault.add(totpDraft(4, { origins: [PORTAL] }));
    await expect(vault.update(added.id, { origins })).rejects.toBeInstanceOf(VaultError);
    expect((await vault.get(added.id))?.origins).toEqual([PORTAL]);
  });
});

describe('websites on every path that stores them', () => {
  const BAD: ReadonlyArray<readonly [string, readonly string[]]> = [
    ['a path', ['https://Portaal.example.nl/login']],
    ['another scheme', ['ftp://portaal.example.nl']],
    ['too many', Array.from({ length: 21 }, (_, i) => `https://s${i}.example`)],
  ];

  test.each(BAD)(
    'add and addMany refuse %s before anything is written; the vault stays readable',
    async (_what, origins) => {
      const kept = await vault.add(totpDraft(10, { origins: [PORTAL] }));
      await expect(vault.add(totpDraft(11, { origins }))).rejects.toBeInstanceOf(VaultError);
      await expect(vault.addMany([totpDraft(12), totpDraft(13, { origins })])).rejects.toBeInstanceOf(
        VaultError,
      );
      const { accounts } = await vault.list();
      expect(accounts.map((a) => a.id)).toEqual([kept.id]);
    },
  );

  test('an import keeps each account’s websites, once each', async () => {
    const [a, b] = await vault.addMany([totpDraft(20, { origins: [PORTAL, PORTAL] }), totpDraft(21)]);
    expect(a?.origins).toEqual([PORTAL]);
    expect(b?.origins).toBeUndefined();
    expect((await vault.get(a?.id ?? ''))?.origins).toEqual([PORTAL]);
  });

  test('they survive a reorder and the removal of another account', async () => {
    const a = await vault.add(totpDraft(30, { origins: [PORTAL] }));
    const b = await vault.add(totpDraft(31));
    await vault.reorder([b.id, a.id]);
    await vault.remove(b.id);
    expect((await vault.get(a.id))?.origins).toEqual([PORTAL]);
  });

  test('they are read from the account records when the snapshot is gone', async () => {
    const a = await vault.add(totpDraft(40, { origins: [PORTAL] }));
    vault.close();
    const db = await rawDb();
    await db.delete('snapshot', 'accounts');
    db.close();
    vault = await openVault({ dbName: DB_NAME });
    expect((await vault.get(a.id))?.origins).toEqual([PORTAL]);
  });

  test('"this site if it has none" keeps a website another part of the extension saved meanwhile', async () => {
    const a = await vault.add(totpDraft(50));
    // The popup's sites editor saves one; the worker's "remember this site" comes after.
    await vault.update(a.id, { origins: [PORTAL] });
    expect((await vault.update(a.id, { originIfNone: 'https://elders.example' })).origins).toEqual([PORTAL]);
    const b = await vault.add(totpDraft(51));
    expect((await vault.update(b.id, { originIfNone: PORTAL })).origins).toEqual([PORTAL]);
  });
});
