import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { ActivityEvent } from '../../../../extension/activity/activity-event';
import { recordLock, vaultNeedsPassphrase } from '../../../../extension/background/record-lock';
import {
  LOCK_REASON_KEY,
  type LockReason,
  lockVault,
  SESSION_KEY,
} from '../../../../extension/lock/session-store';
import { MIN_ARGON2ID, openVault } from '../../../../extension/vault';
import { fakeStorageArea } from '../../../support/fake-storage-area';

/** Locks an unlocked session as `lockVault` does, then records as the worker does at the change. */
async function lockAndRecord(reason: LockReason | undefined, passphraseSet = true): Promise<ActivityEvent[]> {
  const session = fakeStorageArea();
  await session.set({ [SESSION_KEY]: { stand: 'in' } });
  await lockVault(session, reason);
  const recorded: ActivityEvent[] = [];
  await recordLock({
    readReason: async () => (await session.get(LOCK_REASON_KEY))[LOCK_REASON_KEY],
    passphraseSet: async () => passphraseSet,
    record: async (event) => void recorded.push(event),
  });
  return recorded;
}

describe('every lock is in the activity log, with why', () => {
  it.each([
    [{ why: 'idle', minutes: 15 } as const, 'idle'],
    [{ why: 'screen-lock' } as const, 'screen-lock'],
    [{ why: 'max-unlock', minutes: 480 } as const, 'max-unlock'],
    [undefined, 'button'],
  ])('%o: locked, %s', async (reason, why) => {
    expect(await lockAndRecord(reason)).toEqual([{ kind: 'locked', why }]);
  });

  it('the session key forgotten as the passphrase is removed is no lock: nothing recorded', async () => {
    expect(await lockAndRecord(undefined, false)).toEqual([]);
  });

  it('a lock by itself is recorded even if the vault could be opened without (its reason says it locked)', async () => {
    expect(await lockAndRecord({ why: 'idle', minutes: 5 }, false)).toEqual([
      { kind: 'locked', why: 'idle' },
    ]);
  });

  it('a reason it does not know (damaged, or from a newer version) is a plain lock, never a failure', async () => {
    const recorded: ActivityEvent[] = [];
    await recordLock({
      readReason: async () => ({ why: 'constructor' }),
      passphraseSet: async () => true,
      record: async (event) => void recorded.push(event),
    });
    expect(recorded).toEqual([{ kind: 'locked', why: 'button' }]);
  });
});

describe('whether the session key went with a passphrase still set (the worker asks the vault)', () => {
  it('set: yes; removed again: no, so that removal records no lock', async () => {
    globalThis.indexedDB = new IDBFactory();
    const vault = await openVault({ dbName: 'record-lock-test' });
    const session = await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: MIN_ARGON2ID,
    });
    vault.close();
    expect(await vaultNeedsPassphrase('record-lock-test')).toBe(true);
    const open = await openVault({ dbName: 'record-lock-test', session });
    await open.removePassphrase();
    open.close();
    expect(await vaultNeedsPassphrase('record-lock-test')).toBe(false);
  });
});
