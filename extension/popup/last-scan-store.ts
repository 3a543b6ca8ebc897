import { LAST_SCAN_KEY, type LastScan } from '../scan/last-scan';

interface ChromeApis {
  readonly storage?: {
    readonly session?: {
      get(key: string): Promise<Record<string, unknown>>;
      remove(key: string): Promise<void>;
    };
  };
  readonly action?: { setBadgeText(details: { text: string }): Promise<void> };
}

/** A result older than this is no longer news (the user has moved on). */
const FRESH_MS = 10 * 60_000;

/**
 * Takes the outcome of the last scan, once: the popup shows it, then it is gone, and so is the
 * toolbar badge that pointed to it. Null when there is none, outside the extension too.
 */
export async function takeLastScan(now = Date.now()): Promise<LastScan | null> {
  const chrome = (globalThis as { chrome?: ChromeApis }).chrome;
  const session = chrome?.storage?.session;
  if (!session) return null;
  const stored = (await session.get(LAST_SCAN_KEY))[LAST_SCAN_KEY] as LastScan | undefined;
  if (!stored) return null;
  await session.remove(LAST_SCAN_KEY);
  await chrome.action?.setBadgeText({ text: '' });
  return now - stored.at <= FRESH_MS ? stored : null;
}
