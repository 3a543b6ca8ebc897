import { afterEach, expect, test } from 'vitest';
import { chromeFillDeps } from '../../../../extension/background/chrome-fill-deps';
import { CLOCK_CORRECTION_KEY, UNBOUND_OFFSET_KEY } from '../../../../extension/drift/clock-offset';

const account = (origins: string[]) => ({ origins });

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

/** A chrome.storage with this policy (mutable: the test changes it while the deps are in use). */
function installStorage(policy: Record<string, unknown>, local: Record<string, unknown> = {}): void {
  const area = (items: Record<string, unknown>) => ({
    get: async (keys?: string | string[] | null) => {
      if (keys === null || keys === undefined) return { ...items };
      const wanted = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, items[k]]));
    },
    set: async (more: Record<string, unknown>) => void Object.assign(items, more),
  });
  (globalThis as { chrome?: unknown }).chrome = {
    storage: { managed: { get: async () => ({ ...policy }) }, local: area(local), session: area({}) },
  };
}

test('fillOnlyOnAccountSites is read from the policy each time a fill asks, not when the deps were made', async () => {
  const policy: Record<string, unknown> = {};
  installStorage(policy);
  const deps = await chromeFillDeps();
  expect(await deps.fillOnlyOnAccountSites()).toBe(false);
  policy.fillOnlyOnAccountSites = true;
  expect(await deps.fillOnlyOnAccountSites()).toBe(true);
  // A value of the wrong type is no policy.
  policy.fillOnlyOnAccountSites = 'true';
  expect(await deps.fillOnlyOnAccountSites()).toBe(false);
});

test('fills with the clock correction only an account of its site: a correction another site measured moves no portal code', async () => {
  const corrections = [{ offsetMs: 600_000, site: 'https://evil.example' }];
  installStorage({}, { [CLOCK_CORRECTION_KEY]: corrections, [UNBOUND_OFFSET_KEY]: 600_000 });
  const deps = await chromeFillDeps();
  const before = Date.now();
  const evil = deps.now(account(['https://evil.example']), 'https://evil.example');
  const portal = deps.now(account(['https://portaal.example']), 'https://portaal.example');
  const after = Date.now();
  expect(evil).toBeGreaterThanOrEqual(before + 600_000);
  expect(evil).toBeLessThanOrEqual(after + 600_000);
  // The correction stored before corrections had a site is not read either.
  expect(portal).toBeGreaterThanOrEqual(before);
  expect(portal).toBeLessThanOrEqual(after);
});
