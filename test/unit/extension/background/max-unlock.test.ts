/**
 * The maximum unlock time (maxUnlockMinutes): the vault locks that long after the passphrase was
 * entered, however busy the workstation is. Fakes: the storage areas (the policy or the user's
 * choice sets it), chrome.alarms and the clock. The worker keeps a deadline beside the session key
 * and sets an alarm; every reader of the session key (loadSession: the popup, the options page,
 * the worker's fill and scan) refuses it once the deadline has passed, alarm or not.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { applyMaxUnlock, MAX_UNLOCK_ALARM } from '../../../../extension/background/max-unlock';
import {
  LOCK_REASON_KEY,
  loadSession,
  lockVault,
  MAX_UNLOCK_MS_KEY,
  SESSION_KEY,
  saveSession,
  UNLOCKED_AT_KEY,
} from '../../../../extension/lock/session-store';
import { BROWSER_SESSION_START_KEY } from '../../../../extension/settings/browser-session-start';
import { storeSessionKey } from '../../../../extension/vault/session-key';
import { fakeStorageArea as area } from '../../../support/fake-storage-area';

const T0 = 1_700_000_000_000;
const MINUTE = 60_000;
const KEY = { slotId: 'slot-1', kek: new Uint8Array(32).fill(7) };

/** A browser session that started at T0 (the worker records it at its start). */
function browser(policy: Record<string, unknown> = {}, local: Record<string, unknown> = {}) {
  const session = area({ [BROWSER_SESSION_START_KEY]: T0 });
  const alarms = new Map<string, number>();
  const managed = { ...policy };
  (globalThis as { chrome?: unknown }).chrome = {
    storage: { managed: { get: async () => ({ ...managed }) }, local: area(local), session },
    alarms: {
      create: async (name: string, info: { when: number }) => void alarms.set(name, info.when),
      clear: async (name: string) => alarms.delete(name),
    },
  };
  return {
    session,
    alarms,
    managed,
    /** The passphrase is entered now (what unlockWithPassphrase keeps), then the worker hears of it. */
    async unlock() {
      await saveSession(session, KEY, Date.now());
      await applyMaxUnlock();
    },
    unlocked: async () => (await loadSession(session)) !== undefined,
  };
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('maxUnlockMinutes', () => {
  it('locks at the deadline although the workstation was busy all along, and sets the alarm for it', async () => {
    const chrome = browser({ maxUnlockMinutes: 480 });
    await chrome.unlock();
    expect(chrome.alarms.get(MAX_UNLOCK_ALARM)).toBe(T0 + 480 * MINUTE);

    vi.setSystemTime(T0 + 480 * MINUTE - 1);
    expect(await chrome.unlocked()).toBe(true);
    vi.setSystemTime(T0 + 480 * MINUTE);
    await applyMaxUnlock(); // the alarm
    expect(chrome.session.data[SESSION_KEY]).toBeUndefined();
    expect(await chrome.unlocked()).toBe(false);
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
  });

  it('an alarm that has not fired (a computer that slept) unlocks nothing: the reader locks', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    await chrome.unlock();
    vi.setSystemTime(T0 + 61 * MINUTE);
    expect(await loadSession(chrome.session)).toBeUndefined();
    // Locked for everyone: the session key is gone, not just hidden from this reader.
    expect(SESSION_KEY in chrome.session.data).toBe(false);
    expect(MAX_UNLOCK_MS_KEY in chrome.session.data).toBe(false);
    expect(UNLOCKED_AT_KEY in chrome.session.data).toBe(false);
  });

  it('counts from the unlock: a new unlock gets a new alarm, and the old maximum counts from it', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    await chrome.unlock();
    vi.setSystemTime(T0 + 30 * MINUTE);
    // Unlocked again (the same key); the worker has not yet heard of the new unlock.
    await saveSession(chrome.session, KEY, Date.now());
    vi.setSystemTime(T0 + 70 * MINUTE);
    expect(await chrome.unlocked()).toBe(true);
    await applyMaxUnlock();
    expect(chrome.alarms.get(MAX_UNLOCK_ALARM)).toBe(T0 + 90 * MINUTE);
    vi.setSystemTime(T0 + 90 * MINUTE);
    expect(await chrome.unlocked()).toBe(false);
  });

  it('the passphrase entered again while unlocked (same key, a new unlock time): readers count the maximum from it, worker or not', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    await chrome.unlock();
    vi.setSystemTime(T0 + 40 * MINUTE);
    // The options page's check of the current passphrase: the same session key, a new time.
    // Storage reports no change of the key itself, so the worker may not run.
    await saveSession(chrome.session, KEY, Date.now());
    vi.setSystemTime(T0 + 99 * MINUTE);
    expect(await chrome.unlocked()).toBe(true);
    vi.setSystemTime(T0 + 100 * MINUTE);
    expect(await chrome.unlocked()).toBe(false);
  });

  it('the options page keeping a new slot’s key (no time given) keeps the unlock time: only a passphrase entered starts it afresh', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    await chrome.unlock();
    vi.setSystemTime(T0 + 50 * MINUTE);
    // The options page keeps the new slot's key (no unlock time: the one kept stands).
    await saveSession(chrome.session, { slotId: 'slot-2', kek: new Uint8Array(32).fill(9) });
    await applyMaxUnlock();
    expect(chrome.session.data[UNLOCKED_AT_KEY]).toBe(T0);
    vi.setSystemTime(T0 + 60 * MINUTE);
    expect(await chrome.unlocked()).toBe(false);
  });

  it('a first passphrase set on an open vault counts as an unlock now', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    vi.setSystemTime(T0 + 5 * MINUTE);
    await saveSession(chrome.session, KEY);
    await applyMaxUnlock();
    expect(chrome.alarms.get(MAX_UNLOCK_ALARM)).toBe(T0 + 65 * MINUTE);
  });

  it('a policy that arrives or lowers the maximum counts from the unlock that happened, and can lock at once', async () => {
    const chrome = browser();
    await chrome.unlock();
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
    expect(MAX_UNLOCK_MS_KEY in chrome.session.data).toBe(false);

    vi.setSystemTime(T0 + 90 * MINUTE);
    chrome.managed.maxUnlockMinutes = 120;
    await applyMaxUnlock(); // storage.onChanged (managed)
    expect(chrome.alarms.get(MAX_UNLOCK_ALARM)).toBe(T0 + 120 * MINUTE);

    chrome.managed.maxUnlockMinutes = 60;
    await applyMaxUnlock();
    expect(await chrome.unlocked()).toBe(false);
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
  });

  it('no maximum (0, the default, or the policy removed): the maximum and the alarm go', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    await chrome.unlock();
    delete chrome.managed.maxUnlockMinutes;
    vi.setSystemTime(T0 + 59 * MINUTE);
    await applyMaxUnlock();
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
    expect(MAX_UNLOCK_MS_KEY in chrome.session.data).toBe(false);
    vi.setSystemTime(T0 + 10 * 60 * MINUTE);
    expect(await chrome.unlocked()).toBe(true);
  });

  it("the user's own choice applies without a policy; the policy wins over it", async () => {
    const chrome = browser({}, { 'settings.maxUnlockMinutes': 240 });
    await chrome.unlock();
    expect(chrome.alarms.get(MAX_UNLOCK_ALARM)).toBe(T0 + 240 * MINUTE);
    chrome.managed.maxUnlockMinutes = 0;
    await applyMaxUnlock();
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
  });

  it('a policy value out of range is ignored (no maximum), not read as a tiny one', async () => {
    const chrome = browser({ maxUnlockMinutes: -5 });
    await chrome.unlock();
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
    chrome.managed.maxUnlockMinutes = 1441;
    await applyMaxUnlock();
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
  });

  it('locked: nothing pending, and a maximum left behind is cleared', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    chrome.session.data[MAX_UNLOCK_MS_KEY] = MINUTE;
    await applyMaxUnlock();
    expect(chrome.alarms.has(MAX_UNLOCK_ALARM)).toBe(false);
    expect(MAX_UNLOCK_MS_KEY in chrome.session.data).toBe(false);
  });

  it('a session key kept without an unlock time (an earlier version) counts from now', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    chrome.session.data[SESSION_KEY] = storeSessionKey(KEY);
    vi.setSystemTime(T0 + 7 * MINUTE);
    await applyMaxUnlock();
    expect(chrome.session.data[UNLOCKED_AT_KEY]).toBe(T0 + 7 * MINUTE);
    expect(chrome.alarms.get(MAX_UNLOCK_ALARM)).toBe(T0 + 67 * MINUTE);
  });

  it('a malformed maximum is ignored by readers, then replaced by the worker', async () => {
    const chrome = browser({ maxUnlockMinutes: 60 });
    await chrome.unlock();
    chrome.session.data[MAX_UNLOCK_MS_KEY] = 'soon';
    vi.setSystemTime(T0 + 61 * MINUTE);
    expect(await chrome.unlocked()).toBe(true);
    vi.setSystemTime(T0);
    await applyMaxUnlock();
    expect(chrome.session.data[MAX_UNLOCK_MS_KEY]).toBe(60 * MINUTE);
  });

  it('says why it locked (the locked popup shows it); the lock button leaves no reason, and an unlock clears it', async () => {
    const chrome = browser({ maxUnlockMinutes: 480 });
    await chrome.unlock();
    vi.setSystemTime(T0 + 480 * MINUTE);
    await applyMaxUnlock();
    expect(chrome.session.data[LOCK_REASON_KEY]).toEqual({ why: 'max-unlock', minutes: 480 });
    await chrome.unlock();
    expect(LOCK_REASON_KEY in chrome.session.data).toBe(false);
    await lockVault(chrome.session);
    expect(LOCK_REASON_KEY in chrome.session.data).toBe(false);
    // Already locked (by the button): a later lock by itself claims nothing.
    await lockVault(chrome.session, { why: 'idle', minutes: 15 });
    expect(LOCK_REASON_KEY in chrome.session.data).toBe(false);
  });

  it('a reader that finds the deadline passed gives the same reason, with the maximum that was set', async () => {
    const chrome = browser({ maxUnlockMinutes: 90 });
    await chrome.unlock();
    vi.setSystemTime(T0 + 91 * MINUTE);
    expect(await chrome.unlocked()).toBe(false);
    expect(chrome.session.data[LOCK_REASON_KEY]).toEqual({ why: 'max-unlock', minutes: 90 });
  });
});
