import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { type AccountDraft, currentCode, type TotpSettings } from '../../../../extension/otp';
import { openVault, VaultFormatError, VaultNotFoundError } from '../../../../extension/vault';
import { DB_NAME, rawDb, secretBytes, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

const open = () => openVault({ dbName: DB_NAME });

describe('openVault: round trip', () => {
  it('stores accounts and reads them back, across reopening', async () => {
    const vault = await open();
    const a = await vault.add(totpDraft(1));
    const b = await vault.add({
      type: 'hotp',
      secret: secretBytes(2),
      algorithm: 'SHA512',
      digits: 8,
      counter: 7,
      issuer: 'Portaal',
      label: 'piet',
      name: 'Chrome plugin balie',
    });
    expect(a.order).toBe(0);
    expect(b.order).toBe(1);
    vault.close();

    const reopened = await open();
    const { accounts, damaged } = await reopened.list();
    expect(damaged).toEqual([]);
    expect(accounts).toEqual([a, b]);
    expect(accounts[0]?.secret).toEqual(secretBytes(1));
    expect(accounts[1]).toMatchObject({
      type: 'hotp',
      counter: 7,
      algorithm: 'SHA512',
      digits: 8,
      pinned: false,
    });
    expect(currentCode(accounts[0] ?? a, 1_700_000_000_000)).toBe(
      currentCode(totpDraft(1), 1_700_000_000_000),
    );
    reopened.close();
  });

  it('stores nothing but id, order, nonce and ciphertext in the clear', async () => {
    const vault = await open();
    const { id } = await vault.add(totpDraft(3, { issuer: 'ZichtbaarBedrijf' }));
    vault.close();
    const db = await rawDb();
    const record = await db.get('accounts', id);
    const snapshot = await db.get('snapshot', 'accounts');
    db.close();
    expect(Object.keys(record ?? {}).sort()).toEqual(['ciphertext', 'id', 'nonce', 'order']);
    expect(Object.keys(snapshot ?? {}).sort()).toEqual(['ciphertext', 'nonce']);
    for (const ciphertext of [record?.ciphertext, snapshot?.ciphertext]) {
      const text = new TextDecoder('latin1').decode(ciphertext);
      expect(text).not.toContain('ZichtbaarBedrijf');
      expect(text).not.toContain(id);
      expect(Buffer.from(ciphertext ?? []).includes(Buffer.from(secretBytes(3)))).toBe(false);
    }
  });

  it('keeps a device key that no script can read: non-extractable, for wrapping only', async () => {
    (await open()).close();
    const db = await rawDb();
    const header = await db.get('meta', 'header');
    db.close();
    const slot = header?.slots.find((s) => s.type === 'device');
    if (slot === undefined || slot.type !== 'device') throw new Error('no device slot');
    expect(slot.kek.extractable).toBe(false);
    expect([...slot.kek.usages].sort()).toEqual(['unwrapKey', 'wrapKey']);
    await expect(crypto.subtle.exportKey('raw', slot.kek)).rejects.toThrow();
    // Nor does the header hold the vault key itself: only its wrapped form.
    expect(Object.keys(slot).sort()).toEqual(['id', 'kek', 'nonce', 'type', 'wrappedKey']);
  });

  it('uses a fresh nonce for every write, of the record and of the snapshot', async () => {
    const vault = await open();
    const { id } = await vault.add(totpDraft(4));
    const db = await rawDb();
    const read = async () => [await db.get('accounts', id), await db.get('snapshot', 'accounts')];
    const before = await read();
    await vault.update(id, { name: 'same' });
    const middle = await read();
    await vault.update(id, { name: 'same' });
    const after = await read();
    db.close();
    vault.close();
    const nonces = [before, middle, after].flat().map((r) => Buffer.from(r?.nonce ?? []).toString('hex'));
    expect(new Set(nonces).size).toBe(6);
  });

  it('returns a copy of the secret, not the caller’s buffer', async () => {
    const vault = await open();
    const draft = totpDraft(5);
    const account = await vault.add(draft);
    draft.secret.fill(0);
    expect(account.secret).toEqual(secretBytes(5));
    expect((await vault.get(account.id))?.secret).toEqual(secretBytes(5));
    vault.close();
  });
});

describe('openVault: editing', () => {
  it('updates names and pin, keeping the secret; lists pinned first', async () => {
    const vault = await open();
    const a = await vault.add(totpDraft(1));
    const b = await vault.add(totpDraft(2));
    const updated = await vault.update(b.id, { name: 'Chrome plugin balie', pinned: true });
    expect(updated).toEqual({ ...b, name: 'Chrome plugin balie', pinned: true });
    expect((await vault.list()).accounts.map((x) => x.id)).toEqual([b.id, a.id]);
    expect(await vault.get(b.id)).toEqual(updated);
    vault.close();
  });

  it('advances a HOTP counter and refuses a counter on TOTP', async () => {
    const vault = await open();
    const { period: _, ...common } = totpDraft(1) as TotpSettings & AccountDraft;
    const hotp = await vault.add({ ...common, type: 'hotp', counter: 0 });
    expect(await vault.update(hotp.id, { counter: 1 })).toMatchObject({ type: 'hotp', counter: 1 });
    const totp = await vault.add(totpDraft(2));
    await expect(vault.update(totp.id, { counter: 1 })).rejects.toThrow(/HOTP/);
    await expect(vault.update(hotp.id, { counter: -1 })).rejects.toThrow(/counter/);
    expect(await vault.get(totp.id)).toEqual(totp);
    vault.close();
  });

  it('removes, restores with the same id and place, and reports missing ids', async () => {
    const vault = await open();
    const a = await vault.add(totpDraft(1));
    const b = await vault.add(totpDraft(2));
    await vault.remove(a.id);
    expect(await vault.get(a.id)).toBeUndefined();
    expect((await vault.list()).accounts).toEqual([b]);
    await vault.restore(a);
    expect((await vault.list()).accounts).toEqual([a, b]);
    await expect(vault.restore(a)).rejects.toThrow();
    await expect(vault.update('nope', { name: 'x' })).rejects.toBeInstanceOf(VaultNotFoundError);
    vault.close();
  });

  it('reorders, and refuses a list that does not name every account once', async () => {
    const vault = await open();
    const ids = [];
    for (let i = 0; i < 4; i++) ids.push((await vault.add(totpDraft(i))).id);
    const wanted = [ids[2], ids[0], ids[3], ids[1]] as string[];
    await vault.reorder(wanted);
    expect((await vault.list()).accounts.map((x) => x.id)).toEqual(wanted);
    for (const bad of [
      wanted.slice(1),
      [...wanted, 'extra'],
      [wanted[0], ...wanted.slice(0, 3)],
    ] as string[][]) {
      await expect(vault.reorder(bad)).rejects.toBeInstanceOf(VaultFormatError);
    }
    expect((await vault.list()).accounts.map((x) => x.id)).toEqual(wanted);
    // A new account goes to the end.
    const e = await vault.add(totpDraft(9));
    expect((await vault.list()).accounts.at(-1)?.id).toBe(e.id);
    vault.close();
  });

  it('an update racing a reorder and another update loses neither', async () => {
    const first = await open();
    const second = await open();
    const a = await first.add(totpDraft(1));
    const b = await first.add(totpDraft(2));
    // While `first` encrypts its update (between its read and its write), `second` writes.
    const encrypt = crypto.subtle.encrypt.bind(crypto.subtle);
    const spy = vi.spyOn(crypto.subtle, 'encrypt').mockImplementationOnce(async (...args) => {
      await second.reorder([b.id, a.id]);
      await second.update(a.id, { pinned: true });
      return encrypt(...args);
    });
    await first.update(a.id, { name: 'renamed' });
    spy.mockRestore();
    expect(await second.get(a.id)).toMatchObject({ name: 'renamed', pinned: true, order: 1 });
    expect(await second.get(b.id)).toMatchObject({ order: 0 });
    first.close();
    second.close();
  });
});
