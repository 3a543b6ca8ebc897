import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { LockStorage } from '../../../../extension/lock/chrome-storage';
import { openWithPassphrase } from '../../../../extension/lock/open-with-passphrase';
import { loadSession, lockVault } from '../../../../extension/lock/session-store';
import { delayAfter } from '../../../../extension/lock/unlock-throttle';
import {
  THROTTLE_KEY,
  type UnlockDeps,
  unlockWithPassphrase,
} from '../../../../extension/lock/unlock-with-passphrase';
import { MIN_ARGON2ID, openVault, VaultLockedError } from '../../../../extension/vault';
import { fakeStorageArea as area } from '../../../support/fake-storage-area';
import { DB_NAME, totpDraft } from '../vault/vault-fixtures';

const RIGHT = 'de juiste zin voor de balie';

let storage: LockStorage & { session: ReturnType<typeof area>; local: ReturnType<typeof area> };
let clock: number;
let opens: number;

function deps(overrides: Partial<UnlockDeps> = {}): UnlockDeps {
  return {
    storage,
    now: () => clock,
    open: (passphrase) => {
      opens++;
      return openWithPassphrase(passphrase, DB_NAME);
    },
    ...overrides,
  };
}

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  storage = { session: area(), local: area() };
  clock = Date.UTC(2026, 10, 30, 9);
  opens = 0;
  const vault = await openVault({ dbName: DB_NAME });
  await vault.add(totpDraft(1));
  await vault.setPassphrase(RIGHT, { name: 'argon2id', params: MIN_ARGON2ID });
  vault.close();
});

describe('unlock with a growing delay for wrong passphrases (SECURITY #34)', () => {
  it('three free tries, then 1, 2, 4 … s; during a delay even the right passphrase is not checked', async () => {
    expect(await unlockWithPassphrase('fout 1', deps())).toEqual({ status: 'wrong', waitMs: 0 });
    expect(await unlockWithPassphrase('fout 2', deps())).toEqual({ status: 'wrong', waitMs: 0 });
    expect(await unlockWithPassphrase('fout 3', deps())).toEqual({ status: 'wrong', waitMs: 1000 });
    expect(await unlockWithPassphrase('fout 4', deps())).toEqual({ status: 'wait', waitMs: 1000 });
    clock += 1000;
    expect(await unlockWithPassphrase('fout 4', deps())).toEqual({ status: 'wrong', waitMs: 2000 });
    expect(opens).toBe(4);
    clock += 1999;
    expect(await unlockWithPassphrase(RIGHT, deps())).toEqual({ status: 'wait', waitMs: 1 });
    expect(opens).toBe(4); // refused before any argon2id run
    expect(await loadSession(storage.session)).toBeUndefined();
    clock += 1;
    expect(await unlockWithPassphrase(RIGHT, deps())).toEqual({ status: 'unlocked' });
    expect(storage.local.data[THROTTLE_KEY]).toEqual({ failures: 0, notBefore: 0 });
    // The session key now opens the vault without the passphrase.
    const session = await loadSession(storage.session);
    (await openVault({ dbName: DB_NAME, session })).close();
  }, 30_000);

  it('the delay doubles and is capped at five minutes', () => {
    expect([1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(40)).toBe(300_000);
  });

  it('an attempt is counted before it is checked: a popup closed mid-check still pays for the guess', async () => {
    for (let i = 0; i < 3; i++) await unlockWithPassphrase('fout', deps());
    clock += delayAfter(3);
    const never = new Promise<undefined>(() => undefined);
    void unlockWithPassphrase('fout', deps({ open: () => never }));
    await vi.waitFor(() => expect(storage.local.data[THROTTLE_KEY]).toMatchObject({ failures: 4 }));
  }, 30_000);

  it('survives a restart: what is stored in local storage still applies to a fresh start', async () => {
    for (let i = 0; i < 4; i++) await unlockWithPassphrase('fout', deps());
    const restarted = { session: area(), local: storage.local }; // session storage is gone, local is not
    expect(await unlockWithPassphrase(RIGHT, deps({ storage: restarted }))).toMatchObject({ status: 'wait' });
  }, 30_000);

  it('a tampered or unreadable throttle record does not reset the count', async () => {
    storage.local.data[THROTTLE_KEY] = { failures: 'zero', notBefore: 0 };
    expect(await unlockWithPassphrase(RIGHT, deps())).toMatchObject({ status: 'wait' });
    storage.local.data[THROTTLE_KEY] = { failures: 9, notBefore: clock + 10 * 3_600_000 }; // clock set back
    expect(await unlockWithPassphrase(RIGHT, deps())).toEqual({ status: 'wait', waitMs: delayAfter(9) });
  });

  it('locking forgets the session key: the vault no longer opens without the passphrase', async () => {
    await unlockWithPassphrase(RIGHT, deps());
    await lockVault(storage.session);
    const session = await loadSession(storage.session);
    expect(session).toBeUndefined();
    await expect(openVault({ dbName: DB_NAME, session })).rejects.toBeInstanceOf(VaultLockedError);
  });

  it('parallel attempts are serialised: each one is counted', async () => {
    let chain = Promise.resolve();
    const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
      const run = chain.then(work);
      chain = run.then(
        () => undefined,
        () => undefined,
      );
      return run;
    };
    await Promise.all([1, 2, 3].map((i) => unlockWithPassphrase(`fout ${i}`, deps({ exclusive }))));
    expect(storage.local.data[THROTTLE_KEY]).toMatchObject({ failures: 3 });
  }, 30_000);
});

describe('a passphrase shorter than the minimum now in force (set before the minimum was raised)', () => {
  it('still unlocks, and says only that it is too short: a boolean, never the length', async () => {
    // RIGHT has 27 characters.
    const short = await unlockWithPassphrase(RIGHT, deps({ minLength: async () => 28 }));
    expect(short).toEqual({ status: 'unlocked', tooShort: true });
    expect(await loadSession(storage.session)).toBeDefined();
    expect(await unlockWithPassphrase(RIGHT, deps({ minLength: async () => 27 }))).toEqual({
      status: 'unlocked',
      tooShort: false,
    });
    // Nothing about the passphrase is kept: the throttle's count and the session key only.
    expect(JSON.stringify(storage.local.data)).not.toContain('27');
  });

  it('counts characters as the options page does (an emoji is one), and settings that cannot be read say no', async () => {
    const emoji = '🔒'.repeat(10);
    const vault = await openVault({ dbName: DB_NAME, passphrase: RIGHT });
    await vault.setPassphrase(emoji, { name: 'argon2id', params: MIN_ARGON2ID });
    vault.close();
    // 10 characters (20 UTF-16 units): not shorter than 10, shorter than 11.
    expect(await unlockWithPassphrase(emoji, deps({ minLength: async () => 10 }))).toEqual({
      status: 'unlocked',
      tooShort: false,
    });
    expect(await unlockWithPassphrase(emoji, deps({ minLength: async () => 11 }))).toEqual({
      status: 'unlocked',
      tooShort: true,
    });
    const failing = deps({ minLength: () => Promise.reject(new Error('no settings')) });
    expect(await unlockWithPassphrase(emoji, failing)).toEqual({ status: 'unlocked', tooShort: false });
  });
});
