import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
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

describe('an instance whose key was replaced', () => {
  test('answers what still reaches it 503 "try again" while it closes, never with the stale key', async () => {
    const { createTestApp } = await import('../../../support/verifier-test-app');
    const { stopWhenKeyReplaced } = await import('../../../../verifier-server/startup/watch-master-key');
    const t = await createTestApp();
    const key = newKey();
    const exits: unknown[] = [];
    const exit = vi.spyOn(process, 'exit').mockImplementation(((code?: number) => {
      exits.push(code);
    }) as never);
    // The app's close is held until the test has sent its request, as a slow request would hold it.
    let release = () => {};
    t.app.addHook('preClose', (done) => {
      release = done;
    });
    const keyChecks = {
      getKeyCheck: async () => deriveKeys(newKey()).keyCheck,
      holdInstanceLock: async () => undefined,
    };
    try {
      stopWhenKeyReplaced(t.app, keyChecks as unknown as KeyCheckStore, {
        ...t.config,
        secretKey: key,
        keyWatchMs: INTERVAL,
      });
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const address = t.app.server.address();
      if (address === null || typeof address === 'string') throw new Error('not listening');
      const deadline = Date.now() + 5_000;
      while (process.exitCode !== 78 && Date.now() < deadline) await sleep(INTERVAL);
      expect(process.exitCode).toBe(78);
      const answer = await fetch(`http://127.0.0.1:${address.port}/login`);
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('2');
      expect(await answer.text()).toContain('probeer het over een paar seconden opnieuw');
    } finally {
      release();
      await sleep(50);
      exit.mockRestore();
      process.exitCode = undefined;
    }
    expect(exits).toEqual([78]);
  });
});
