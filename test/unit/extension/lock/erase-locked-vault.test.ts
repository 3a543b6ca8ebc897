import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseLockedVault } from '../../../../extension/lock/erase-locked-vault';
import { HELD_COUNT_KEY, HELD_SCANS_KEY } from '../../../../extension/lock/held-scans';
import { PENDING_SCAN_KEY } from '../../../../extension/lock/pending-scan';
import { ERASED_KEY, watchSession } from '../../../../extension/lock/session-store';
import { THROTTLE_KEY } from '../../../../extension/lock/unlock-with-passphrase';
import { PolicyRefusedError } from '../../../../extension/settings/policy-refused-error';
import { eraseVault, openVault } from '../../../../extension/vault';
import { fakeStorageArea as area } from '../../../support/fake-storage-area';
import { DB_NAME, totpDraft } from '../vault/vault-fixtures';

describe('eraseLockedVault: nothing of the old vault is left for the next one', () => {
  it('drops a scan held while locked, the last scan and the wait; keeps settings; tells open pages', async () => {
    const session = area({
      [HELD_SCANS_KEY]: [{ uri: 'otpauth://totp/Portaal:balie?secret=JBSWY3DPEHPK3PXP' }],
      [HELD_COUNT_KEY]: 1,
      [PENDING_SCAN_KEY]: { at: 1 },
      lastScan: { status: 'held', count: 1 },
      fillNotice: { reason: 'locked', at: 1 },
    });
    const local = area({
      [THROTTLE_KEY]: { failures: 7, notBefore: 99 },
      'settings.workstationName': 'Balie',
    });
    const order: string[] = [];
    await eraseLockedVault(
      { session, local },
      async () => void order.push('erase'),
      async (work) => {
        order.push('lock');
        await work();
        order.push('unlock');
      },
    );
    expect(order).toEqual(['lock', 'erase', 'unlock']);
    expect(Object.keys(session.data)).toEqual([ERASED_KEY]);
    expect(local.data).toEqual({ 'settings.workstationName': 'Balie' });
  });

  it('a deletion that fails leaves the browser session as it was, and tells nobody', async () => {
    const session = area({ [HELD_COUNT_KEY]: 1 });
    const local = area({ [THROTTLE_KEY]: { failures: 7, notBefore: 99 } });
    await expect(
      eraseLockedVault({ session, local }, async () => {
        throw new Error('blocked');
      }),
    ).rejects.toThrow('blocked');
    expect(session.data).toEqual({ [HELD_COUNT_KEY]: 1 });
    expect(THROTTLE_KEY in local.data).toBe(true);
  });
});

describe('eraseLockedVault: the policy allowErase, read at the moment of the erase', () => {
  /** A policy in chrome.storage.managed, as Chrome hands it to the extension. */
  function installPolicy(policy: Record<string, unknown>) {
    Object.assign(globalThis, {
      chrome: {
        storage: { managed: { get: async () => policy }, local: { get: async () => ({}) } },
      },
    });
  }
  afterEach(() => Reflect.deleteProperty(globalThis, 'chrome'));

  async function seededVault() {
    globalThis.indexedDB = new IDBFactory();
    const vault = await openVault({ dbName: DB_NAME });
    await vault.add(totpDraft(1));
    vault.close();
  }

  it('off: refused with PolicyRefusedError, the vault, the held scan and the wait all still there; on (true, or no policy): erased', async () => {
    await seededVault();
    installPolicy({ allowErase: false });
    const session = area({ [HELD_COUNT_KEY]: 1 });
    const local = area({ [THROTTLE_KEY]: { failures: 7, notBefore: 99 } });
    const refused = eraseLockedVault({ session, local }, () => eraseVault(DB_NAME));
    await expect(refused).rejects.toBeInstanceOf(PolicyRefusedError);
    await expect(refused).rejects.toMatchObject({ setting: 'allowErase', managed: true });
    expect(session.data).toEqual({ [HELD_COUNT_KEY]: 1 });
    expect(THROTTLE_KEY in local.data).toBe(true);
    const kept = await openVault({ dbName: DB_NAME });
    expect((await kept.list()).accounts).toHaveLength(1);
    kept.close();

    for (const policy of [{ allowErase: true }, {}]) {
      await seededVault();
      installPolicy(policy);
      const session = area({ [HELD_COUNT_KEY]: 1 });
      await eraseLockedVault({ session, local: area({}) }, () => eraseVault(DB_NAME));
      expect(Object.keys(session.data)).toEqual([ERASED_KEY]);
      const vault = await openVault({ dbName: DB_NAME });
      expect((await vault.list()).accounts).toEqual([]);
      vault.close();
    }
  });
});

describe('open pages hear of the erase', () => {
  it('watchSession calls back when the vault was erased, as at a lock, so a locked popup looks again', () => {
    type Listener = (changes: Record<string, unknown>, area: string) => void;
    const listeners: Listener[] = [];
    const chrome = {
      storage: { onChanged: { addListener: (l: Listener) => listeners.push(l), removeListener() {} } },
    };
    Object.assign(globalThis, { chrome });
    let calls = 0;
    const controller = new AbortController();
    watchSession(() => calls++, controller.signal);
    for (const listener of listeners) listener({ [ERASED_KEY]: { newValue: 1 } }, 'session');
    for (const listener of listeners) listener({ somethingElse: { newValue: 1 } }, 'session');
    expect(calls).toBe(1);
    controller.abort();
    Reflect.deleteProperty(globalThis, 'chrome');
  });
});
