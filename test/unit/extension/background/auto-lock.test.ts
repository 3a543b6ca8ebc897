/**
 * The auto-lock after N idle minutes, up to 24 hours, although chrome.idle reports idle after at
 * most 4 hours (it clamps the detection interval to 14400 s): above that, an alarm waits the rest,
 * and input in between cancels it. Fakes: chrome.idle as Chrome behaves (the clamp; a report at
 * each change of state), chrome.alarms, the storage areas (the policy sets autoLockMinutes) and the
 * clock. Between any two minutes the service worker may be stopped: a restart is a fresh copy of
 * the worker's modules over the same Chrome. Asleep (or hibernated), nothing happens: no idle
 * report, no alarm; at wake a missed alarm fires late, and input on wake reports 'active'.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type * as AutoLock from '../../../../extension/background/auto-lock';
import { fakeStorageArea as area } from '../../../support/fake-storage-area';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const SESSION_KEY = 'vault.session';
const LOCK_AT_KEY = 'autoLock.lockAt';
/** chrome.idle's longest detection interval. */
const MAX_SECONDS = 14_400;

/**
 * Chrome with an unlocked vault and `autoLockMinutes` (and `lockOnScreenLock`, on unless told) set
 * by policy; `worker()` loads the worker's code afresh.
 */
function browser(initialAutoLockMinutes: number, lockOnScreenLock = true) {
  let autoLockMinutes = initialAutoLockMinutes;
  const session = area({ [SESSION_KEY]: 'the session key' });
  const alarms = new Map<string, number>();
  let interval = 60;
  let lastInput = Date.now();
  let reported: 'active' | 'idle' | 'locked' = 'active';
  // Chrome's idle: a locked screen is 'locked' whatever the idle time (idle_manager.cc).
  let screenLocked = false;
  const created: string[] = [];
  const idleFor = (seconds: number) =>
    Date.now() - lastInput >= Math.min(Math.max(seconds, 15), MAX_SECONDS) * 1000;
  (globalThis as { chrome?: unknown }).chrome = {
    storage: {
      managed: { get: async () => ({ autoLockMinutes, lockOnScreenLock }) },
      local: area(),
      session,
    },
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
    /** Why it locked, as the locked popup will say (lock.reason). */
    reason: () => session.data['lock.reason'],
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
    /** The stored deadline of a long auto-lock, if any. */
    lockAt: () => session.data[LOCK_AT_KEY],
    input: () => {
      lastInput = Date.now();
    },
    /** The screen locks (Windows+L, or the system's own timeout). */
    lockScreen: () => {
      screenLocked = true;
    },
    /** Someone types the workstation's password: input, and the screen is unlocked. */
    unlockScreen: () => {
      screenLocked = false;
      lastInput = Date.now();
    },
    /** The policy changes autoLockMinutes; Chrome's storage.onChanged has the worker apply it. */
    async setAutoLock(minutes: number): Promise<void> {
      autoLockMinutes = minutes;
      await (await api.worker()).applyIdleInterval();
    },
    /** Chrome's idle report, if the state changed since the last one. */
    async reportIdleState(): Promise<void> {
      const state = screenLocked ? 'locked' : idleFor(interval) ? 'idle' : 'active';
      if (state !== reported) {
        reported = state;
        await (await api.worker()).onIdleState(state);
      }
    },
    /** Fires the alarms that are due (late, if they fell due while asleep). */
    async fireDueAlarms(): Promise<void> {
      for (const [name, when] of [...alarms]) {
        if (when > Date.now()) continue;
        alarms.delete(name);
        if (name === 'auto-lock') await (await api.worker()).onAutoLockAlarm();
      }
    },
    /** Lets `minutes` pass, one at a time, delivering Chrome's idle reports and due alarms. */
    async pass(minutes: number): Promise<void> {
      for (let i = 0; i < minutes; i++) {
        vi.setSystemTime(Date.now() + MINUTE);
        await api.reportIdleState();
        await api.fireDueAlarms();
      }
    },
    /** The computer sleeps for `minutes`: time passes, nothing is delivered, the worker is stopped. */
    sleep(minutes: number): void {
      vi.setSystemTime(Date.now() + minutes * MINUTE);
      api.restartWorker();
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
    expect(chrome.reason()).toEqual({ why: 'idle', minutes: 30 });
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

  it('600 minutes: the deadline is stored with the alarm; input before it drops both, and a later wake does not lock', async () => {
    const chrome = browser(600);
    await chrome.worker();
    await chrome.pass(250);
    expect(chrome.alarms.get('auto-lock')).toBe(T0 + 600 * MINUTE);
    expect(chrome.lockAt()).toBe(T0 + 600 * MINUTE);
    // Asleep from minute 250 to 500, woken by input: 'active' before the deadline.
    chrome.sleep(250);
    chrome.input();
    await chrome.reportIdleState();
    await chrome.fireDueAlarms();
    expect(chrome.unlocked()).toBe(true);
    expect(chrome.alarms.has('auto-lock')).toBe(false);
    expect(chrome.lockAt()).toBeUndefined();
    // Idle again from minute 500: not locked at the old deadline (600), locked at 1100.
    await chrome.pass(599);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
    expect(chrome.lockAt()).toBeUndefined();
  });

  it('600 minutes: "idle" reported again without "active" in between keeps the deadline running, and past it locks', async () => {
    const chrome = browser(600);
    const worker = await chrome.worker();
    await chrome.pass(250);
    expect(chrome.lockAt()).toBe(T0 + 600 * MINUTE);
    // Another 'idle' report an hour later (the screen-lock state can do that): the deadline stays.
    vi.setSystemTime(Date.now() + 60 * MINUTE);
    await worker.onIdleState('idle');
    expect(chrome.lockAt()).toBe(T0 + 600 * MINUTE);
    expect(chrome.unlocked()).toBe(true);
    // And one after the deadline, its alarm not delivered yet: locked at once.
    vi.setSystemTime(T0 + 601 * MINUTE);
    await worker.onIdleState('idle');
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes: asleep through the deadline and woken by input, "active" reported before the late alarm: locked', async () => {
    const chrome = browser(600);
    await chrome.worker();
    await chrome.pass(250);
    expect(chrome.alarms.has('auto-lock')).toBe(true);
    // Asleep from minute 250 to 960 (a night): the alarm at 600 is missed.
    chrome.sleep(710);
    chrome.input();
    await chrome.reportIdleState();
    expect(chrome.unlocked()).toBe(false);
    expect(chrome.alarms.has('auto-lock')).toBe(false);
    expect(chrome.lockAt()).toBeUndefined();
    await chrome.fireDueAlarms();
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes: asleep through the deadline and woken by input, the late alarm before any "active" report: locked', async () => {
    const chrome = browser(600);
    await chrome.worker();
    await chrome.pass(250);
    chrome.sleep(710);
    chrome.input();
    await chrome.fireDueAlarms();
    expect(chrome.unlocked()).toBe(false);
    expect(chrome.lockAt()).toBeUndefined();
    await chrome.reportIdleState();
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes: an alarm that fires before its deadline does not lock, and is set again for the deadline', async () => {
    const chrome = browser(600);
    const worker = await chrome.worker();
    await chrome.pass(240);
    expect(chrome.alarms.get('auto-lock')).toBe(T0 + 600 * MINUTE);
    chrome.alarms.delete('auto-lock');
    vi.setSystemTime(Date.now() + 5 * MINUTE);
    await worker.onAutoLockAlarm();
    expect(chrome.unlocked()).toBe(true);
    expect(chrome.alarms.get('auto-lock')).toBe(T0 + 600 * MINUTE);
    await chrome.pass(354);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes, then auto-lock turned off while a lock is pending: the alarm and the deadline go, no lock', async () => {
    const chrome = browser(600);
    await chrome.worker();
    await chrome.pass(250);
    expect(chrome.lockAt()).toBe(T0 + 600 * MINUTE);
    await chrome.setAutoLock(0);
    expect(chrome.alarms.has('auto-lock')).toBe(false);
    expect(chrome.lockAt()).toBeUndefined();
    chrome.sleep(710);
    chrome.input();
    await chrome.reportIdleState();
    await chrome.fireDueAlarms();
    expect(chrome.unlocked()).toBe(true);
  });
});

describe('a locked screen, with lockOnScreenLock off', () => {
  it('30 minutes: the screen locked after 5 idle minutes hides the idle report; locked 30 minutes after the screen lock', async () => {
    const chrome = browser(30, false);
    await chrome.worker();
    await chrome.pass(5);
    chrome.lockScreen();
    await chrome.pass(1);
    // Not at the screen lock: the setting is off.
    expect(chrome.unlocked()).toBe(true);
    expect(chrome.lockAt()).toBe(T0 + 36 * MINUTE);
    chrome.restartWorker();
    await chrome.pass(29);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
    expect(chrome.reason()).toEqual({ why: 'idle', minutes: 30 });
  });

  it('30 minutes: the screen unlocked before then cancels it, and the count starts again', async () => {
    const chrome = browser(30, false);
    await chrome.worker();
    chrome.lockScreen();
    await chrome.pass(20);
    chrome.unlockScreen();
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(true);
    expect(chrome.lockAt()).toBeUndefined();
    expect(chrome.alarms.has('auto-lock')).toBe(false);
    await chrome.pass(28);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
  });

  it('30 minutes: asleep behind the locked screen through the deadline, woken and unlocked: locked', async () => {
    const chrome = browser(30, false);
    await chrome.worker();
    chrome.lockScreen();
    await chrome.pass(1);
    chrome.sleep(120);
    chrome.unlockScreen();
    await chrome.reportIdleState();
    expect(chrome.unlocked()).toBe(false);
  });

  it('600 minutes: a screen lock after the idle report keeps the deadline that runs', async () => {
    const chrome = browser(600, false);
    await chrome.worker();
    await chrome.pass(250);
    expect(chrome.lockAt()).toBe(T0 + 600 * MINUTE);
    chrome.lockScreen();
    await chrome.pass(1);
    expect(chrome.lockAt()).toBe(T0 + 600 * MINUTE);
    await chrome.pass(348);
    expect(chrome.unlocked()).toBe(true);
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
  });

  it('auto-lock off: a locked screen sets nothing, however long', async () => {
    const chrome = browser(0, false);
    await chrome.worker();
    chrome.lockScreen();
    await chrome.pass(600);
    expect(chrome.unlocked()).toBe(true);
    expect(chrome.alarms.size).toBe(0);
  });

  it('lockOnScreenLock on: the screen lock locks at once, with its own reason', async () => {
    const chrome = browser(30);
    await chrome.worker();
    await chrome.pass(5);
    chrome.lockScreen();
    await chrome.pass(1);
    expect(chrome.unlocked()).toBe(false);
    expect(chrome.reason()).toEqual({ why: 'screen-lock' });
  });
});
