import { afterEach, expect, test } from 'vitest';
import { chromeFillDeps } from '../../../../extension/background/chrome-fill-deps';

afterEach(() => {
  delete (globalThis as { chrome?: unknown }).chrome;
});

/** A chrome.storage with this policy (mutable: the test changes it while the deps are in use). */
function installStorage(policy: Record<string, unknown>): void {
  const area = (items: Record<string, unknown>) => ({
    get: async (keys?: string | string[] | null) => {
      if (keys === null || keys === undefined) return { ...items };
      const wanted = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(wanted.filter((k) => k in items).map((k) => [k, items[k]]));
    },
    set: async (more: Record<string, unknown>) => void Object.assign(items, more),
  });
  (globalThis as { chrome?: unknown }).chrome = {
    storage: { managed: { get: async () => ({ ...policy }) }, local: area({}), session: area({}) },
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
