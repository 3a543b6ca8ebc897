import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  MIN_ARGON2ID,
  openVault,
  PASSPHRASE_ARGON2ID,
  readSessionKey,
  storeSessionKey,
  VAULT_FORMAT_VERSION,
  VaultError,
  VaultFormatError,
  type VaultHeader,
  VaultIntegrityError,
  VaultLockedError,
} from '../../../../extension/vault';
import { DB_NAME, flipped, rawDb, totpDraft } from './vault-fixtures';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});

/** The OWASP minimum: fast enough for many tests; the default is tested once below. */
const FAST = { name: 'argon2id', params: MIN_ARGON2ID } as const;
const PASSPHRASE = 'paars konijn op de balie';

async function header(): Promise<VaultHeader> {
  const db = await rawDb();
  const value = await db.get('meta', 'header');
  db.close();
  if (value === undefined) throw new Error('no header');
  return value;
}

async function writeHeader(value: VaultHeader): Promise<void> {
  const db = await rawDb();
  await db.put('meta', value, 'header');
  db.close();
}

describe('the passphrase lock (SECURITY #22, #34)', () => {
  it('stores an argon2id slot with its parameters (64 MiB, t = 2) and removes the device slot', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const account = await vault.add(totpDraft(1));
    expect(vault.passphraseRequired).toBe(false);
    const session = await vault.setPassphrase(PASSPHRASE);
    expect(vault.passphraseRequired).toBe(true);
    vault.close();

    const { slots, formatVersion } = await header();
    expect(formatVersion).toBe(VAULT_FORMAT_VERSION);
    expect(slots.map((s) => s.type)).toEqual(['passphrase']);
    const [slot] = slots;
    expect(slot?.id).toBe(session.slotId);
    expect(slot?.type === 'passphrase' && slot.kdf).toMatchObject({
      name: 'argon2id',
      ...PASSPHRASE_ARGON2ID,
    });
    expect(PASSPHRASE_ARGON2ID.memoryKiB).toBeGreaterThanOrEqual(19_456);
    expect(PASSPHRASE_ARGON2ID.iterations).toBeGreaterThanOrEqual(2);
    expect(slot?.type === 'passphrase' && slot.kdf.salt.length).toBe(16);

    await expect(openVault({ dbName: DB_NAME })).rejects.toBeInstanceOf(VaultLockedError);
    await expect(
      openVault({ dbName: DB_NAME, passphrase: 'paars konijn op de Balie' }),
    ).rejects.toBeInstanceOf(VaultIntegrityError);
    const reopened = await openVault({ dbName: DB_NAME, passphrase: PASSPHRASE });
    expect(await reopened.get(account.id)).toEqual(account);
    expect(reopened.session?.slotId).toBe(session.slotId);
    reopened.close();
  }, 20_000);

  it('a session key opens the vault without the passphrase, survives a JSON round trip, and stops opening it once the passphrase changes', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const account = await vault.add(totpDraft(2));
    const first = readSessionKey(
      JSON.parse(JSON.stringify(storeSessionKey(await vault.setPassphrase(PASSPHRASE, FAST)))),
    );
    vault.close();
    if (first === undefined) throw new Error('the stored session key did not read back');

    const bySession = await openVault({ dbName: DB_NAME, session: first });
    expect(await bySession.get(account.id)).toEqual(account);
    // Changing it while unlocked by the session key: the old key no longer opens anything.
    const second = await bySession.setPassphrase('een nieuwe zin voor de balie', FAST);
    bySession.close();
    await expect(openVault({ dbName: DB_NAME, session: first })).rejects.toBeInstanceOf(VaultLockedError);
    (await openVault({ dbName: DB_NAME, session: second })).close();
    await expect(openVault({ dbName: DB_NAME, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  }, 20_000);

  it('a forged or damaged session key locks rather than opens', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const session = await vault.setPassphrase(PASSPHRASE, FAST);
    vault.close();
    const forged = { slotId: session.slotId, kek: flipped(session.kek, 5) };
    await expect(openVault({ dbName: DB_NAME, session: forged })).rejects.toBeInstanceOf(VaultLockedError);
    for (const junk of [
      null,
      'x',
      { slotId: 1, kek: 'AA==' },
      { slotId: 'a', kek: 'AA==' },
      { slotId: 'a', kek: '%%' },
    ]) {
      expect(readSessionKey(junk), JSON.stringify(junk)).toBeUndefined();
    }
  });

  it('removing the passphrase restores a device slot: the vault opens without input again', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const account = await vault.add(totpDraft(3));
    await vault.setPassphrase(PASSPHRASE, FAST);
    await vault.removePassphrase();
    expect(vault.passphraseRequired).toBe(false);
    expect(vault.session).toBeUndefined();
    vault.close();
    expect((await header()).slots.map((s) => s.type)).toEqual(['device']);
    const reopened = await openVault({ dbName: DB_NAME });
    expect(await reopened.get(account.id)).toEqual(account);
    reopened.close();
  });

  it('a copy of the records (another profile) opens only with the passphrase', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const account = await vault.add(totpDraft(4));
    await vault.setPassphrase(PASSPHRASE, FAST);
    vault.close();
    const db = await rawDb();
    const copied = { header: await db.get('meta', 'header'), accounts: await db.getAll('accounts') };
    db.close();

    globalThis.indexedDB = new IDBFactory(); // another profile: the same records, nothing else
    const target = await (await import('idb')).openDB(DB_NAME, 1, {
      upgrade(d) {
        d.createObjectStore('meta');
        d.createObjectStore('accounts', { keyPath: 'id' }).createIndex('by-order', 'order');
      },
    });
    await target.put('meta', copied.header, 'header');
    for (const record of copied.accounts) await target.put('accounts', record);
    target.close();
    await expect(openVault({ dbName: DB_NAME })).rejects.toBeInstanceOf(VaultLockedError);
    const opened = await openVault({ dbName: DB_NAME, passphrase: PASSPHRASE });
    expect(await opened.get(account.id)).toEqual(account);
    opened.close();
  });

  it('refuses weaker argon2id parameters than OWASP’s minimum when setting a passphrase', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    for (const params of [
      { ...MIN_ARGON2ID, memoryKiB: 19_455 },
      { ...MIN_ARGON2ID, iterations: 1 },
    ]) {
      await expect(vault.setPassphrase(PASSPHRASE, { name: 'argon2id', params })).rejects.toBeInstanceOf(
        VaultError,
      );
    }
    await expect(vault.setPassphrase('', FAST)).rejects.toBeInstanceOf(VaultError);
    expect(vault.passphraseRequired).toBe(false);
    vault.close();
    expect((await header()).slots.map((s) => s.type)).toEqual(['device']);
  });
});

describe('tampering with a passphrase slot', () => {
  async function lockedVault() {
    const vault = await openVault({ dbName: DB_NAME });
    await vault.add(totpDraft(5));
    await vault.setPassphrase(PASSPHRASE, FAST);
    vault.close();
    return header();
  }

  it.each([
    ['salt', (kdf: Record<string, unknown>) => ({ ...kdf, salt: flipped(kdf.salt as Uint8Array, 0) })],
    ['iterations', (kdf: Record<string, unknown>) => ({ ...kdf, iterations: 3 })],
    ['memory', (kdf: Record<string, unknown>) => ({ ...kdf, memoryKiB: 19_457 })],
  ])('[%#] a changed %s gives an integrity error, never a wrong key', async (_name, change) => {
    const value = await lockedVault();
    const [slot] = value.slots;
    if (slot?.type !== 'passphrase') throw new Error('setup');
    await writeHeader({ ...value, slots: [{ ...slot, kdf: change(slot.kdf as never) as never }] });
    await expect(openVault({ dbName: DB_NAME, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(
      VaultIntegrityError,
    );
  });

  it('parameters beyond the limits are refused before any derivation (a crafted header cannot take gigabytes)', async () => {
    const value = await lockedVault();
    const [slot] = value.slots;
    if (slot?.type !== 'passphrase') throw new Error('setup');
    await writeHeader({
      ...value,
      slots: [{ ...slot, kdf: { ...slot.kdf, memoryKiB: 4 * 1024 * 1024 } as never }],
    });
    await expect(openVault({ dbName: DB_NAME, passphrase: PASSPHRASE })).rejects.toBeInstanceOf(
      VaultFormatError,
    );
  });
});

describe('upgrade of a vault written by the previous version (format 1, device slot only)', () => {
  it('opens as it was, and setting a passphrase writes the current format', async () => {
    const vault = await openVault({ dbName: DB_NAME });
    const account = await vault.add(totpDraft(6));
    vault.close();
    // What version 1 wrote: the same header with formatVersion 1.
    const written = await header();
    await writeHeader({ ...written, formatVersion: 1 });

    const old = await openVault({ dbName: DB_NAME });
    expect(old.passphraseRequired).toBe(false);
    expect(await old.get(account.id)).toEqual(account);
    expect((await header()).formatVersion).toBe(1); // opening never writes
    await old.setPassphrase(PASSPHRASE, FAST);
    old.close();
    expect((await header()).formatVersion).toBe(VAULT_FORMAT_VERSION);
    const upgraded = await openVault({ dbName: DB_NAME, passphrase: PASSPHRASE });
    expect(await upgraded.get(account.id)).toEqual(account);
    upgraded.close();
  });
});
