import { readSessionKey, type SessionKey, storeSessionKey } from '../vault/session-key';
import type { StorageArea } from './chrome-storage';

/** Where the unlocked state lives: chrome.storage.session, never on disk (SECURITY #34). */
export const SESSION_KEY = 'vault.session';

/** Set when the vault was erased (a forgotten passphrase): open pages look again, as at a lock. */
export const ERASED_KEY = 'lock.erasedAt';

export async function loadSession(session: StorageArea): Promise<SessionKey | undefined> {
  return readSessionKey((await session.get(SESSION_KEY))[SESSION_KEY]);
}

export async function saveSession(session: StorageArea, key: SessionKey): Promise<void> {
  await session.set({ [SESSION_KEY]: storeSessionKey(key) });
}

/** Locks: forgets the session key. Every open page sees the change (storage.onChanged) and locks too. */
export async function lockVault(session: StorageArea): Promise<void> {
  await session.remove(SESSION_KEY);
}

type ChangeListener = (changes: Record<string, unknown>, areaName: string) => void;

/**
 * Calls `onChange` whenever the session key is set or removed (a lock anywhere) or the vault was
 * erased, until `signal` aborts.
 */
export function watchSession(onChange: () => void, signal: AbortSignal): void {
  const events = (
    globalThis as {
      chrome?: {
        storage?: {
          onChanged?: { addListener(l: ChangeListener): void; removeListener(l: ChangeListener): void };
        };
      };
    }
  ).chrome?.storage?.onChanged;
  if (events === undefined) return;
  const listener: ChangeListener = (changes, areaName) => {
    if (areaName === 'session' && (SESSION_KEY in changes || ERASED_KEY in changes)) onChange();
  };
  events.addListener(listener);
  signal.addEventListener('abort', () => events.removeListener(listener), { once: true });
}
