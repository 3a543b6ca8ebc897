/**
 * The auto-lock after N idle minutes, up to 24 hours, although chrome.idle reports idle after at
 * most 4 hours (it clamps the detection interval to 14400 s): above that, an alarm waits the rest,
 * and input in between cancels it. Fakes: chrome.idle as Chrome behaves (the clamp; a report at
 * each change of state), chrome.alarms, the storage areas (the policy sets autoLockMinutes) and the
 * clock. Between any two minutes the service worker may be stopped: a restart is a fresh copy of
 * the worker's modules over the same Chrome.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as AutoLock from '../../../../extension/background/auto-lock';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const SESSION_KEY = 'vault.session';
/** chrome.idle's longest detection interval. */
const MAX_SECONDS = 14_400;

function area(initial: Record<string, unknown> = {}) {
  const data: Record<string, unknown> = { ...initial };
  return {
    data,
    get: async (keys?: string | string[] | null) => {
      if (keys === null || keys === undefined) return { ...data };
      const wanted = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in data).map((k) => [k, data[k]]));
    },
    set: async (items: Record<string, unknown>) => void Object.assign(data, items),
    remove: async (keys: string | string[]) => {
      for (const key of typeof keys === 'string' ? [keys] : keys) delete data[key];
    },
  };
}

/** Chrome with an unlocked vault and `autoLockMinutes` set by policy; `worker()` loads the worker's code afresh. */
function browser(autoLockMinutes: number) {
  const session = area({ [SESSION_KEY]: 'the session key' });
  const alarms = new Map<string, number>();
  let interval = 60;
  let lastInput = Date.now();
  let reported: 'active' | 'idle' = 'active';
  const created: string[] = [];
  const idleFor = (seconds: number) =>
    Date.now() - lastInput >= Math.min(Math.max(seconds, 15), MAX_SECONDS) * 1000;
  (globalThis as { chrome?: unknown }).chrome = {
    storage: { managed: { get: async () => ({ autoLockMinutes }) }, local: area(), session },
    idle: {
      setDetectionInterval: (seconds: number) => {
        interval = seconds;
      },
      queryState: async (seconds: number) => (idleFor(seconds) ? 'idle' : 'active'),
    },
    alarms: {
      create: async (name: string, info: { when: number }) => {
        created.push(name);
        alarms.set(name, info.when);
      },
      clear: async (name: string) => alarms.delete(name),
    },
  };
  let worker: typeof AutoLock | undefined;
  const api = {
    alarms,
    created,
    interval: () => interval,
    unlocked: () => SESSION_KEY in session.data,
    /** Chrome stops the service worker; the next event starts a fresh one. */
    restartWorker: () => {
      worker = undefined;
    },
    async worker(): Promise<typeof AutoLock> {
      if (worker === undefined) {
        vi.resetModules();
        worker = await import('../../../../extension/background/auto-lock');
        await worker.applyIdleInterval(); // what the worker does at its start
      }
      return worker;
    },
    input: () => {
      lastInput = Date.now();
    },
    /** Lets `minutes` pass, one at a time, delivering Chrome's idle reports and due alarms. */
    async pass(minutes: number): Promise<void> {
      for (let i = 0; i < minutes; i++) {
        vi.setSystemTime(Date.now() + MINUTE);
        const state = idleFor(interval) ? 'idle' : 'active';
        if (state !== reported) {
          reported = state;
          await (await api.worker()).onIdleState(state);
        }
        for (const [name, when] of [...alarms]) {
          if (when > Date.now()) continue;
          alarms.delete(name);
          if (name === 'auto-lock') await (await api.worker()).onAutoLockAlarm();
        }
      }
    },
  };
  return api;
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the auto-lock after N idle minutes', () => {
  it('30 minutes: chrome.idle is asked for 30 minutes and its report locks at once, no alarm', async () => {
    const chrome = browser(30);
    await chrome.worker();
    expect(chrome.interval()).toBe(1800);
    await chrome.pass(29);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
    expect(chrome.created).toEqual([]);
  });

  it.each([241, 600, 1440])(
    '%i minutes: unlocked after one minute less, locked after exactly that',
    async (minutes) => {
      const chrome = browser(minutes);
      await chrome.worker();
      expect(chrome.interval()).toBe(Math.min(minutes, 240) * 60);
      await chrome.pass(minutes - 1);
      expect(chrome.unlocked()).toBe(true);
      await chrome.pass(1);
      expect(chrome.unlocked()).toBe(false);
    },
  );

  it('600 minutes: idle reported after 4 hours sets an alarm for the other 6, which survives the worker being stopped', async () => {
    const chrome = browser(600);
    await chrome.worker();
    expect(chrome.interval()).toBe(MAX_SECONDS);
    await chrome.pass(240);
    expect(chrome.unlocked()).toBe(true);
    expect(chrome.alarms.get('auto-lock')).toBe(T0 + 600 * MINUTE);
    chrome.restartWorker();
    await chrome.pass(359);
    expect(chrome.unlocked()).toBe(true);
    chrome.restartWorker();
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes: input after the idle report cancels the pending lock; the count starts again', async () => {
    const chrome = browser(600);
    await chrome.worker();
    await chrome.pass(300);
    expect(chrome.alarms.has('auto-lock')).toBe(true);
    chrome.input(); // at minute 300
    await chrome.pass(1);
    expect(chrome.alarms.has('auto-lock')).toBe(false);
    chrome.restartWorker();
    // Idle again from minute 300: locked at 900, not at 600.
    await chrome.pass(598);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes: an alarm whose "active" report went missing does not lock a user active within 4 hours', async () => {
    const chrome = browser(600);
    const worker = await chrome.worker();
    await chrome.pass(240);
    expect(chrome.alarms.has('auto-lock')).toBe(true);
    chrome.input();
    vi.setSystemTime(Date.now() + 5 * MINUTE);
    await worker.onAutoLockAlarm();
    expect(chrome.unlocked()).toBe(true);
  });
});
