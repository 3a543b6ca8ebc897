import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deriveKeys } from '../../../../verifier-server/auth/derive-keys';
import { checkMasterKey } from '../../../../verifier-server/startup/check-master-key';
import { watchMasterKey } from '../../../../verifier-server/startup/watch-master-key';
import type { KeyCheckStore } from '../../../../verifier-server/store/key-check-store';
import type { Store } from '../../../../verifier-server/store/store';
import { createTestStore, type TestStore } from '../../../support/verifier-test-store';

/**
 * A running instance notices, within its watch interval, that the database was given another
 * master key (rotate-key, reset-key-check) and stops, on SQLite (`unit`) and PostgreSQL
 * (`unit-pg`); the processes' exit is in processes/master-key.test.ts.
 */

let testStore: TestStore;
let store: Store;
const INTERVAL = 20;
const newKey = () => new Uint8Array(randomBytes(32));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeEach(async () => {
  testStore = await createTestStore();
  store = testStore.store;
});
afterEach(async () => {
  await testStore.close();
});

describe('the running key watch', () => {
  test('calls once when the database gets another key, never while it keeps this one', async () => {
    const key = newKey();
    await checkMasterKey(store, key);
    let calls = 0;
    const watch = watchMasterKey(store, key, INTERVAL, () => calls++);
    try {
      await sleep(INTERVAL * 8);
      expect(calls).toBe(0);
      await store.replaceKeyCheck(deriveKeys(newKey()).keyCheck);
      const deadline = Date.now() + 5_000;
      while (calls === 0 && Date.now() < deadline) await sleep(INTERVAL);
      await sleep(INTERVAL * 8);
      expect(calls).toBe(1);
    } finally {
      watch.stop();
    }
  });

  test('a database that cannot be read, or records no key, stops nothing and the watch goes on; stop() ends it', async () => {
    const key = newKey();
    let fail = true;
    let recorded: string | null = null;
    const flaky: KeyCheckStore = {
      ...store,
      getKeyCheck: async () => {
        if (fail) throw new Error('database unavailable');
        return recorded;
      },
    };
    let calls = 0;
    const watch = watchMasterKey(flaky, key, INTERVAL, () => calls++);
    let stoppedCalls = 0;
    const stopped = watchMasterKey(flaky, key, INTERVAL, () => stoppedCalls++);
    try {
      await sleep(INTERVAL * 6);
      fail = false;
      await sleep(INTERVAL * 6);
      expect(calls).toBe(0);
      stopped.stop();
      // The database back, with another key: the watch that went through the failures notices.
      recorded = deriveKeys(newKey()).keyCheck;
      const deadline = Date.now() + 5_000;
      while (calls === 0 && Date.now() < deadline) await sleep(INTERVAL);
      expect(calls).toBe(1);
      expect(stoppedCalls).toBe(0);
    } finally {
      watch.stop();
    }
  });
});
