/**
 * A chrome.storage area in memory, for unit tests: get (by key, keys, or everything with
 * null/undefined), set and remove, copying values in and out as Chrome does (a stored object
 * changed afterwards does not change what is stored). `data` is the stored state, for a test to
 * look at or to change behind the code's back.
 */
export interface FakeStorageArea {
  readonly data: Record<string, unknown>;
  get(keys?: string | string[] | null): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export function fakeStorageArea(initial: Record<string, unknown> = {}): FakeStorageArea {
  const data: Record<string, unknown> = structuredClone(initial);
  const list = (keys: string | string[]) => (typeof keys === 'string' ? [keys] : keys);
  return {
    data,
    get: async (keys) => {
      if (keys === null || keys === undefined) return structuredClone(data);
      return structuredClone(
        Object.fromEntries(
          list(keys)
            .filter((k) => k in data)
            .map((k) => [k, data[k]]),
        ),
      );
    },
    set: async (items) => void Object.assign(data, structuredClone(items)),
    remove: async (keys) => {
      for (const key of list(keys)) delete data[key];
    },
  };
}
