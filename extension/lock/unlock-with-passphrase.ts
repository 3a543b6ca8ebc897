import type { ActivityEvent } from '../activity/activity-event';
import type { SessionKey } from '../vault/session-key';
import type { LockStorage } from './chrome-storage';
import { saveSession } from './session-store';
import { claimAttempt, NO_FAILURES, readThrottleState } from './unlock-throttle';

export const THROTTLE_KEY = 'lock.throttle';

export type UnlockResult =
  /**
   * tooShort: the passphrase that opened the vault is shorter than the minimum now in force (set
   * before that minimum was raised, or before the policy arrived). Only this boolean leaves the
   * unlock path: never the passphrase, nor its length.
   */
  | { readonly status: 'unlocked'; readonly tooShort?: boolean }
  | { readonly status: 'wrong'; readonly waitMs: number }
  | { readonly status: 'wait'; readonly waitMs: number };

export interface UnlockDeps {
  readonly storage: LockStorage;
  /** Tries the passphrase: the session key, or undefined when it is wrong. Other failures throw. */
  readonly open: (passphrase: string) => Promise<SessionKey | undefined>;
  /** The shortest passphrase the settings accept now (minPassphraseLength), to tell a shorter one. */
  readonly minLength?: () => Promise<number>;
  readonly now?: () => number;
  /** Serialises attempts across the popup, the options page and the worker (Web Locks). */
  readonly exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Keeps the outcome in the activity log (never throws; none in tests that do not look). */
  readonly record?: (event: ActivityEvent) => Promise<void>;
}

async function webLock<T>(work: () => Promise<T>): Promise<T> {
  // None outside a browser (Node has no navigator.locks; happy-dom has null).
  if (globalThis.navigator?.locks == null) return work();
  let result: T | undefined;
  await navigator.locks.request('authenticator-unlock', async () => {
    result = await work();
  });
  return result as T;
}

/**
 * One unlock attempt: claimed and stored first (SECURITY #34: closing the popup mid-check cannot
 * save a guess), then checked; a correct passphrase clears the count and keeps the session key.
 */
export async function unlockWithPassphrase(passphrase: string, deps: UnlockDeps): Promise<UnlockResult> {
  const { storage, open, now = Date.now, exclusive = webLock } = deps;
  const claimed = await exclusive(async () => {
    const state = readThrottleState((await storage.local.get(THROTTLE_KEY))[THROTTLE_KEY]);
    const claim = claimAttempt(state, now());
    if (claim.allowed) await storage.local.set({ [THROTTLE_KEY]: claim.state });
    return claim;
  });
  if (!claimed.allowed) return { status: 'wait', waitMs: claimed.waitMs };
  const session = await open(passphrase);
  if (session === undefined) {
    await deps.record?.({ kind: 'unlock-refused' });
    return { status: 'wrong', waitMs: Math.max(0, claimed.state.notBefore - now()) };
  }
  await saveSession(storage.session, session, now());
  await storage.local.set({ [THROTTLE_KEY]: NO_FAILURES });
  await deps.record?.({ kind: 'unlocked' });
  if (deps.minLength === undefined) return { status: 'unlocked' };
  return { status: 'unlocked', tooShort: await shorterThan(passphrase, deps.minLength) };
}

/**
 * Whether the passphrase has fewer characters (code points, as the options page counts them) than
 * the minimum. Settings that cannot be read say no: the unlock has succeeded and stands.
 */
async function shorterThan(passphrase: string, minLength: () => Promise<number>): Promise<boolean> {
  const length = [...passphrase].length;
  return minLength().then(
    (min) => length < min,
    () => false,
  );
}
