/**
 * The chrome.storage areas the lock uses, typed minimally so that the popup and options page
 * (which have no chrome types) and the worker share this code; tests pass their own.
 */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

export interface LockStorage {
  /** In memory for the browser session, trusted extension contexts only: the session key. */
  readonly session: StorageArea;
  /** On disk: the wrong-passphrase throttle, which must survive a browser restart. */
  readonly local: StorageArea;
}

export function chromeLockStorage(): LockStorage {
  const storage = (globalThis as unknown as { chrome: { storage: LockStorage } }).chrome.storage;
  return { session: storage.session, local: storage.local };
}
