import { LAST_SCAN_KEY, type LastScan } from '../last-scan';
import { readSessionKey, type SessionKey, storeSessionKey } from '../vault/session-key';
import type { StorageArea } from './chrome-storage';

/** Where the unlocked state lives: chrome.storage.session, never on disk (SECURITY #34). */
export const SESSION_KEY = 'vault.session';

/**
 * Why the vault locked by itself (LockReason), for the locked popup to say; none after the lock
 * button (the user knows) and gone at the next unlock. Memory only: it holds no secret.
 */
export const LOCK_REASON_KEY = 'lock.reason';

/** A lock the user did not ask for: after idle minutes, at the screen lock, at the maximum unlock time. */
export type LockReason =
  | { readonly why: 'idle'; readonly minutes: number }
  | { readonly why: 'screen-lock' }
  | { readonly why: 'max-unlock'; readonly minutes: number };

/** Set when the vault was erased (a forgotten passphrase): open pages look again, as at a lock. */
export const ERASED_KEY = 'lock.erasedAt';

/** When the passphrase last unlocked the vault (ms since the epoch): maxUnlockMinutes counts from it. */
export const UNLOCKED_AT_KEY = 'lock.unlockedAt';

/**
 * The maximum unlock time in force (maxUnlockMinutes, in ms), while unlocked with one. The worker
 * keeps it (background/max-unlock.ts), with an alarm that locks at unlockedAt + this; every reader
 * of the session key also checks that sum, so a late alarm (a computer that slept) unlocks
 * nothing, and it counts from whichever unlock there is now.
 */
export const MAX_UNLOCK_MS_KEY = 'lock.maxUnlockMs';

/** The session key, or undefined when locked (or past the maximum unlock time: then it locks now). */
export async function loadSession(session: StorageArea, now = Date.now()): Promise<SessionKey | undefined> {
  const stored = await session.get([SESSION_KEY, UNLOCKED_AT_KEY, MAX_UNLOCK_MS_KEY]);
  const unlockedAt = stored[UNLOCKED_AT_KEY];
  const maximum = stored[MAX_UNLOCK_MS_KEY];
  if (typeof unlockedAt === 'number' && typeof maximum === 'number' && now >= unlockedAt + maximum) {
    await lockVault(session, { why: 'max-unlock', minutes: Math.round(maximum / 60_000) });
    return undefined;
  }
  return readSessionKey(stored[SESSION_KEY]);
}

/**
 * Keeps the session key. `unlockedAt`: a passphrase was just entered (the unlock's time). Without
 * it (a passphrase set or changed on the options page while unlocked) the unlock time already
 * kept stands, so changing the passphrase does not extend the maximum unlock time; with none kept
 * (the first passphrase, set on an open vault) it is now.
 */
export async function saveSession(session: StorageArea, key: SessionKey, unlockedAt?: number): Promise<void> {
  let since = unlockedAt;
  if (since === undefined) {
    const kept = (await session.get(UNLOCKED_AT_KEY))[UNLOCKED_AT_KEY];
    since = typeof kept === 'number' ? kept : Date.now();
  }
  await session.set({ [SESSION_KEY]: storeSessionKey(key), [UNLOCKED_AT_KEY]: since });
  await session.remove(LOCK_REASON_KEY);
}

/**
 * Locks: forgets the session key (and when it was unlocked), and the last scan's report, which
 * names the accounts it added or found (SECURITY #34: no account name readable while locked; the
 * locked popup never showed it). A scan after the lock reports anew. Every open page sees the change
 * (storage.onChanged) and locks too. `reason`: why, when it locked by itself; written first, so a
 * page that locks at the change finds it. Without one (the lock button) no reason is left.
 */
export async function lockVault(session: StorageArea, reason?: LockReason): Promise<void> {
  // Only a lock of an unlocked vault has a reason: an idle report after the lock button (or on a
  // vault without a passphrase) must not claim the idle time locked it.
  const unlocked = reason !== undefined && (await session.get(SESSION_KEY))[SESSION_KEY] !== undefined;
  if (unlocked) await session.set({ [LOCK_REASON_KEY]: reason });
  else if (reason === undefined) await session.remove(LOCK_REASON_KEY);
  await session.remove([SESSION_KEY, UNLOCKED_AT_KEY, MAX_UNLOCK_MS_KEY]);
  // Read only once the key is gone: a report written before that is seen here, one written after
  // it sees the lock (keepScanReport). Only a report that names accounts: a scan held for the
  // unlock ('held', a count) stays said.
  if (namesAccounts((await session.get(LAST_SCAN_KEY))[LAST_SCAN_KEY])) await session.remove(LAST_SCAN_KEY);
}

/** Whether a last scan's report names accounts (what a lock forgets), rather than a count or a failure. */
function namesAccounts(scan: unknown): boolean {
  return typeof scan === 'object' && scan !== null && 'names' in scan;
}

/**
 * Keeps a scan's report for the popup. A report that names accounts and was written after a lock
 * (the scan stored them just before it) would outlive that lock: once written, it is taken back
 * when `locked()` says the vault is locked now. A lock after that check forgets it itself.
 */
export async function keepScanReport(
  session: StorageArea,
  scan: LastScan,
  locked: () => Promise<boolean>,
): Promise<void> {
  await session.set({ [LAST_SCAN_KEY]: scan });
  if (!namesAccounts(scan) || !(await locked())) return;
  const kept = (await session.get(LAST_SCAN_KEY))[LAST_SCAN_KEY];
  if (JSON.stringify(kept) === JSON.stringify(scan)) await session.remove(LAST_SCAN_KEY);
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
