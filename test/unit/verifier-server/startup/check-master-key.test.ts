import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deriveKeys } from '../../../../verifier-server/auth/derive-keys';
import {
  assertMasterKeyRecorded,
  checkMasterKey,
  MasterKeyMismatchError,
} from '../../../../verifier-server/startup/check-master-key';
import type { Store } from '../../../../verifier-server/store/store';
import { userWithSealedAuthenticator } from '../../../support/sealed-authenticator';
import { createTestStore, type TestStore } from '../../../support/verifier-test-store';

/**
 * Every instance on one database needs the same master key (docs/verifier.md, "Several
 * instances"): one with another key would refuse every code (409) and every form. The first start
 * records a key check; a start with another key is refused, on SQLite (`unit`) and PostgreSQL
 * (`unit-pg`).
 */

const NOW = 1_800_000_000;
let testStore: TestStore;
let store: Store;

beforeEach(async () => {
  testStore = await createTestStore();
  store = testStore.store;
});
afterEach(async () => {
  await testStore.close();
});

const newKey = () => new Uint8Array(randomBytes(32));

/** An authenticator whose secret is sealed with `key`, added `age` seconds before NOW. */
const authenticatorSealedWith = async (key: Uint8Array, age = 0) =>
  (await userWithSealedAuthenticator(store, key, { createdAt: NOW - age })).id;

describe('the key check', () => {
  test('the first start records it; the same key starts again; another key is refused and changes nothing', async () => {
    const key = newKey();
    expect(await store.getKeyCheck()).toBeNull();
    await checkMasterKey(store, key);
    const recorded = await store.getKeyCheck();
    expect(recorded).toBe(deriveKeys(key).keyCheck);
    await checkMasterKey(store, key);
    await expect(checkMasterKey(store, newKey())).rejects.toThrow(MasterKeyMismatchError);
    await expect(checkMasterKey(store, newKey())).rejects.toThrow(
      'is not the one this database is used with',
    );
    expect(await store.getKeyCheck()).toBe(recorded);
  });

  test('it tells nothing of the key: not the key, not a sub-key, and another for every key', () => {
    const key = newKey();
    const keys = deriveKeys(key);
    const check = Buffer.from(keys.keyCheck, 'base64url');
    expect(check).toHaveLength(32);
    for (const other of [
      key,
      keys.secrets,
      keys.fallbackCodes,
      keys.outbox,
      Buffer.from(keys.cookies, 'base64url'),
    ])
      expect(Buffer.from(other).equals(check)).toBe(false);
    expect(deriveKeys(newKey()).keyCheck).not.toBe(keys.keyCheck);
  });

  test('instances starting at once with different keys: one key is recorded, and only its holder starts', async () => {
    const keys = Array.from({ length: 6 }, newKey);
    const starts = await Promise.allSettled(keys.map((k) => checkMasterKey(store, k)));
    expect(starts.filter((s) => s.status === 'fulfilled')).toHaveLength(1);
    const winner = keys[starts.findIndex((s) => s.status === 'fulfilled')] as Uint8Array;
    expect(await store.getKeyCheck()).toBe(deriveKeys(winner).keyCheck);
    for (const s of starts)
      if (s.status === 'rejected') expect(s.reason).toBeInstanceOf(MasterKeyMismatchError);
  });

  test('a database from before the key check: a key that opens none of its authenticators is refused and records nothing', async () => {
    const key = newKey();
    for (let i = 0; i < 3; i++) await authenticatorSealedWith(key, i);
    await expect(checkMasterKey(store, newKey())).rejects.toThrow(
      'opens none of the 3 newest authenticators',
    );
    expect(await store.getKeyCheck()).toBeNull();
    await checkMasterKey(store, key);
    expect(await store.getKeyCheck()).toBe(deriveKeys(key).keyCheck);
  });

  test('a database from before the key check: the key must open most of the newest authenticators', async () => {
    // One damaged or foreign row does not lock the operator out…
    const key = newKey();
    const wrong = newKey();
    for (let i = 0; i < 5; i++) await authenticatorSealedWith(key, 100 + i);
    await authenticatorSealedWith(wrong, 0);
    // …and a key that sealed only a few of them, the newest even (an instance that ran with the
    // wrong key before the key check existed), cannot claim the database by starting first.
    await expect(checkMasterKey(store, wrong)).rejects.toThrow('opens only 1 of the 6 newest authenticators');
    expect(await store.getKeyCheck()).toBeNull();
    await checkMasterKey(store, key);
    expect(await store.getKeyCheck()).toBe(deriveKeys(key).keyCheck);
  });

  test('a half is not most: a key that opens 10 of 20 is refused', async () => {
    const a = newKey();
    const b = newKey();
    for (let i = 0; i < 10; i++) {
      await authenticatorSealedWith(a, 2 * i);
      await authenticatorSealedWith(b, 2 * i + 1);
    }
    for (const key of [a, b])
      await expect(checkMasterKey(store, key)).rejects.toThrow(MasterKeyMismatchError);
    expect(await store.getKeyCheck()).toBeNull();
  });

  test('the sample is the newest authenticators, at most as many as asked', async () => {
    const key = newKey();
    const oldest = await authenticatorSealedWith(key, 300);
    const middle = await authenticatorSealedWith(key, 200);
    const newest = await authenticatorSealedWith(key, 100);
    expect((await store.newestAuthenticators(2)).map((a) => a.id)).toEqual([newest, middle]);
    expect((await store.newestAuthenticators(10)).map((a) => a.id)).toEqual([newest, middle, oldest]);
  });

  test('claiming keeps the first value recorded; replacing it (reset-key-check) does not', async () => {
    expect(await store.claimKeyCheck('first')).toBe('first');
    expect(await store.claimKeyCheck('second')).toBe('first');
    expect(await store.getKeyCheck()).toBe('first');
    await store.replaceKeyCheck('third');
    expect(await store.getKeyCheck()).toBe('third');
  });

  test('a worker checks the recorded key and never records one', async () => {
    const key = newKey();
    await expect(assertMasterKeyRecorded(store, key)).rejects.toThrow(MasterKeyMismatchError);
    expect(await store.getKeyCheck()).toBeNull();
    await checkMasterKey(store, key);
    await assertMasterKeyRecorded(store, key);
    await expect(assertMasterKeyRecorded(store, newKey())).rejects.toThrow(
      'is not the one this database is used with',
    );
  });
});
