/**
 * A scan asked for while the vault was locked (the keyboard command): the worker keeps the tab in
 * chrome.storage.session, opens the popup to unlock, and starts the scan once it is unlocked.
 */
export const PENDING_SCAN_KEY = 'lock.pendingScan';

export interface PendingScan {
  readonly tabId: number;
  readonly at: number;
}

/** Undefined for anything but a pending scan younger than `maxAgeMs`. */
export function readPendingScan(value: unknown, now: number, maxAgeMs = 5 * 60_000): PendingScan | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { tabId, at } = value as Record<string, unknown>;
  if (!Number.isSafeInteger(tabId) || typeof at !== 'number' || now - at > maxAgeMs || at > now)
    return undefined;
  return { tabId: tabId as number, at };
}
