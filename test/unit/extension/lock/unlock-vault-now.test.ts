import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import { checkPassphraseNow, unlockVaultNow } from '../../../../extension/lock/unlock-vault-now';
import { MIN_ARGON2ID, openVault } from '../../../../extension/vault';
import { totpDraft } from '../vault/vault-fixtures';

const PASSPHRASE = 'twaalf tekens'; // 13 characters

/** The extension's storage areas, with a policy in chrome.storage.managed. */
function installChrome(policy: Record<string, unknown>) {
  const area = () => {
    const items: Record<string, unknown> = {};
    return {
      items,
      get: async (keys: string | string[] | null) =>
        Object.fromEntries(
          (keys === null ? Object.keys(items) : Array.isArray(keys) ? keys : [keys])
            .filter((k) => k in items)
            .map((k) => [k, items[k]]),
        ),
      set: async (values: Record<string, unknown>) => void Object.assign(items, values),
      remove: async (keys: string | string[]) => {
        for (const key of Array.isArray(keys) ? keys : [keys]) delete items[key];
      },
    };
  };
  const storage = { managed: { get: async () => policy }, local: area(), session: area() };
  Object.assign(globalThis, { chrome: { storage } });
  return storage;
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  const vault = await openVault();
  await vault.add(totpDraft(1));
  await vault.setPassphrase(PASSPHRASE, { name: 'argon2id', params: MIN_ARGON2ID });
  vault.close();
});
afterEach(() => Reflect.deleteProperty(globalThis, 'chrome'));

describe('unlockVaultNow: the minimum in force is the settings’ minPassphraseLength, read at the unlock', () => {
  it('a policy minimum above the passphrase’s length: unlocked, and too short; the passphrase not stored', async () => {
    const storage = installChrome({ minPassphraseLength: 14 });
    expect(await unlockVaultNow(PASSPHRASE)).toEqual({ status: 'unlocked', tooShort: true });
    const stored = JSON.stringify([storage.local.items, storage.session.items]);
    expect(stored).not.toContain(PASSPHRASE);
  });

  it('the default minimum (10) or a policy one it meets: not too short', async () => {
    installChrome({});
    expect(await unlockVaultNow(PASSPHRASE)).toEqual({ status: 'unlocked', tooShort: false });
    installChrome({ minPassphraseLength: 13 });
    expect(await unlockVaultNow(PASSPHRASE)).toEqual({ status: 'unlocked', tooShort: false });
  });
});

describe('unlockVaultNow keeps each attempt in the activity log', () => {
  it('a wrong passphrase, then the right one: both in order; neither passphrase in the log', async () => {
    installChrome({});
    expect((await unlockVaultNow('niet de goede zin')).status).toBe('wrong');
    expect((await unlockVaultNow(PASSPHRASE)).status).toBe('unlocked');
    const entries = await readActivity();
    expect(entries.map((e) => e.event)).toEqual([{ kind: 'unlocked' }, { kind: 'unlock-refused' }]);
    expect(JSON.stringify(entries)).not.toMatch(/twaalf|goede/);
  });

  it('an attempt refused by the wait is no attempt: not in the log', async () => {
    installChrome({});
    for (let i = 0; i < 3; i++) await unlockVaultNow(`fout ${i}`);
    expect((await unlockVaultNow(PASSPHRASE)).status).toBe('wait');
    expect((await readActivity()).map((e) => (e.event as { kind: string }).kind)).toEqual([
      'unlock-refused',
      'unlock-refused',
      'unlock-refused',
    ]);
  });
});

describe('checkPassphraseNow: the current passphrase checked on an open vault (exports, changing it)', () => {
  it('a right one unlocks nothing new: no “Ontgrendeld” in the log; a wrong one is recorded with what it was for', async () => {
    installChrome({});
    expect((await checkPassphraseNow('niet de goede zin', 'export')).status).toBe('wrong');
    expect((await checkPassphraseNow(PASSPHRASE, 'export')).status).toBe('unlocked');
    expect((await checkPassphraseNow('weer niet de goede', 'change')).status).toBe('wrong');
    // Newest first. A wrong one on an unlocked computer is told apart from a typo at the lock.
    expect((await readActivity()).map((e) => e.event)).toEqual([
      { kind: 'unlock-refused', while: 'change' },
      { kind: 'unlock-refused', while: 'export' },
    ]);
  });
});
