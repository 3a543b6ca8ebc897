import { isLastScan, LAST_SCAN_KEY, type LastScan } from '../last-scan';
import { chromeApi } from './chrome-api';

/** A result older than this is no longer news (the user has moved on). */
const FRESH_MS = 10 * 60_000;

/**
 * Takes the outcome of the last scan, once: the popup shows it, then it is gone, and so is the
 * toolbar badge that pointed to it. Null when there is none, outside the extension too.
 */
export async function takeLastScan(now = Date.now()): Promise<LastScan | null> {
  const chrome = chromeApi();
  const session = chrome?.storage?.session;
  if (!session) return null;
  const stored = (await session.get(LAST_SCAN_KEY))[LAST_SCAN_KEY];
  if (stored === undefined) return null;
  await session.remove(LAST_SCAN_KEY);
  await chrome.action?.setBadgeText({ text: '' });
  return isLastScan(stored) && now - stored.at <= FRESH_MS ? stored : null;
}
