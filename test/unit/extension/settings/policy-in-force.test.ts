/**
 * The gap at browser start: Chrome delivers the managed policy a few seconds after launch, and
 * until then chrome.storage.managed reads empty. The last policy read is remembered in
 * chrome.storage.local and applies to an empty read in the first minute of the browser session
 * (whose start the first reader records in chrome.storage.session); later an empty read is a
 * removed policy. Fakes: the three storage areas and the clock; a worker restart is a fresh copy
 * of the modules over the same storage.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { policyInForce } from '../../../../extension/settings/policy-in-force';
import type * as ReadSettings from '../../../../extension/settings/read-settings';
import { SETTING_DEFAULTS } from '../../../../extension/settings/settings';
import { fakeStorageArea as area } from '../../../support/fake-storage-area';

const T0 = 1_700_000_000_000;
const REMEMBERED = 'policy.remembered';
const STARTED = 'browserSession.startedAt';
const POLICY = { requirePassphrase: true, allowSecretExport: false, workstationName: 'Chrome plugin balie' };

type Record_ = Record<string, unknown>;

/** A browser profile: its policy as Chrome currently delivers it, and the three areas. */
function profile(local: Record_ = {}) {
  const world = { managed: {} as Record_, local: area(local), session: area() };
  (globalThis as { chrome?: unknown }).chrome = {
    storage: {
      managed: { get: async () => structuredClone(world.managed) },
      local: world.local,
      session: world.session,
    },
  };
  return world;
}

/** The browser closes: chrome.storage.session is emptied; local storage stays. */
function restartBrowser(world: ReturnType<typeof profile>) {
  for (const key of Object.keys(world.session.data)) delete world.session.data[key];
  world.managed = {};
}

/** A fresh copy of the settings code, as a restarted service worker (or a new page) loads it. */
async function freshReader(): Promise<typeof ReadSettings> {
  vi.resetModules();
  return import('../../../../extension/settings/read-settings');
}

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
  delete (globalThis as { chrome?: unknown }).chrome;
});

describe('the policy at browser start', () => {
  it('a non-empty managed read applies and is remembered (its valid values only); a changed one replaces the copy', async () => {
    const world = profile();
    world.managed = { ...POLICY, autoLockMinutes: 'ten', unknownKey: 1 };
    const { readSettings } = await freshReader();
    const first = await readSettings();
    expect(first.values.requirePassphrase).toBe(true);
    expect(world.local.data[REMEMBERED]).toEqual(POLICY);

    vi.setSystemTime(T0 + 3_600_000);
    world.managed = { allowSecretExport: true, autoLockMinutes: 5 };
    const second = await readSettings();
    expect(second.values.requirePassphrase).toBe(false);
    expect(second.values.autoLockMinutes).toBe(5);
    expect(world.local.data[REMEMBERED]).toEqual({ autoLockMinutes: 5, allowSecretExport: true });
  });

  it('an empty read just after the browser started applies the remembered policy, until Chrome delivers it', async () => {
    const world = profile({ [REMEMBERED]: POLICY, 'settings.workstationName': 'Mijn eigen naam' });
    restartBrowser(world);
    const { readSettings } = await freshReader();

    const early = await readSettings();
    expect(early.values.requirePassphrase).toBe(true);
    expect(early.values.allowSecretExport).toBe(false);
    expect(early.values.workstationName).toBe('Chrome plugin balie');
    expect([...early.managed].sort()).toEqual(['allowSecretExport', 'requirePassphrase', 'workstationName']);
    // The first reader recorded the session's start; later readers keep it.
    expect(world.session.data[STARTED]).toBe(T0);

    vi.setSystemTime(T0 + 45_000);
    expect((await readSettings()).values.requirePassphrase).toBe(true);
    expect(world.session.data[STARTED]).toBe(T0);

    // The policy arrives: it applies (and, changed, replaces the copy).
    world.managed = { ...POLICY, workstationName: 'Balie 2' };
    expect((await readSettings()).values.workstationName).toBe('Balie 2');
    expect(world.local.data[REMEMBERED]).toEqual({ ...POLICY, workstationName: 'Balie 2' });
  });

  it('an empty read after that first minute is no policy: the defaults and the user’s choices apply, and the copy is forgotten', async () => {
    const world = profile({ [REMEMBERED]: POLICY, 'settings.workstationName': 'Mijn eigen naam' });
    restartBrowser(world);
    const { readSettings } = await freshReader();
    expect((await readSettings()).values.requirePassphrase).toBe(true);

    vi.setSystemTime(T0 + 61_000);
    const later = await readSettings();
    expect(later.values.requirePassphrase).toBe(SETTING_DEFAULTS.requirePassphrase);
    expect(later.values.allowSecretExport).toBe(SETTING_DEFAULTS.allowSecretExport);
    expect(later.values.workstationName).toBe('Mijn eigen naam');
    expect(later.managed.size).toBe(0);
    expect(world.local.data).not.toHaveProperty(REMEMBERED);

    // Forgotten for good: the next browser start has nothing to apply.
    restartBrowser(world);
    vi.setSystemTime(T0 + 7_200_000);
    expect((await (await freshReader()).readSettings()).values.requirePassphrase).toBe(false);
  });

  it('a service worker restarted mid-session does not count as a browser start', async () => {
    const world = profile({ [REMEMBERED]: POLICY });
    restartBrowser(world);
    // The worker starts with the browser and reads the settings: the remembered policy.
    expect((await (await freshReader()).readSettings()).values.requirePassphrase).toBe(true);

    // Ten minutes later Chrome has stopped the idle worker and starts it again: the session's
    // start is still recorded, so an empty read now is a removed policy.
    vi.setSystemTime(T0 + 600_000);
    const restarted = await (await freshReader()).readSettings();
    expect(restarted.values.requirePassphrase).toBe(false);
    expect(restarted.managed.size).toBe(0);
    expect(world.session.data[STARTED]).toBe(T0);
    expect(world.local.data).not.toHaveProperty(REMEMBERED);
  });

  it('a clock stepped back after the start was recorded is still the first minute: the remembered policy applies and is kept', async () => {
    const world = profile({ [REMEMBERED]: POLICY, 'settings.workstationName': 'Mijn eigen naam' });
    restartBrowser(world);
    const { readSettings } = await freshReader();
    expect((await readSettings()).values.requirePassphrase).toBe(true);
    expect(world.session.data[STARTED]).toBe(T0);

    // Windows syncs the time at boot: the clock goes back an hour, 10 s after the start.
    vi.setSystemTime(T0 + 10_000 - 3_600_000);
    const stepped = await readSettings();
    expect(stepped.values.requirePassphrase).toBe(true);
    expect(stepped.values.workstationName).toBe('Chrome plugin balie');
    expect(world.local.data[REMEMBERED]).toEqual(POLICY);
    // The start is recorded again on the new clock: the window counts from the step.
    expect(world.session.data[STARTED]).toBe(T0 + 10_000 - 3_600_000);
    vi.setSystemTime(T0 + 10_000 - 3_600_000 + 59_000);
    expect((await readSettings()).values.requirePassphrase).toBe(true);
    expect(world.local.data[REMEMBERED]).toEqual(POLICY);

    // Then a step forward by far more than the window (two hours): the window is over.
    vi.setSystemTime(T0 + 7_200_000);
    const later = await readSettings();
    expect(later.values.requirePassphrase).toBe(SETTING_DEFAULTS.requirePassphrase);
    expect(later.values.workstationName).toBe('Mijn eigen naam');
    expect(world.local.data).not.toHaveProperty(REMEMBERED);
  });

  it('policyInForce: a session start later than now (clock stepped back) is inside the window; far in the past is not', async () => {
    const local = area({ [REMEMBERED]: POLICY });
    expect(await policyInForce({}, POLICY, T0 + 3_600_000, local)).toEqual(POLICY);
    expect(local.data[REMEMBERED]).toEqual(POLICY);
    expect(await policyInForce({}, POLICY, T0 - 1, local)).toEqual(POLICY);
    expect(await policyInForce({}, POLICY, T0 - 3_600_000, local)).toEqual({});
    expect(local.data).not.toHaveProperty(REMEMBERED);
  });
});
