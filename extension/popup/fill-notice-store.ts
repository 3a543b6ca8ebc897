import { FILL_NOTICE_KEY, type FillNotice, isFillNotice } from '../fill-notice';
import { chromeApi } from './chrome-api';

/** A notice older than this is no longer about what the user is doing. */
const FRESH_MS = 60_000;

/** Takes what the fill command left for the popup, once; null when there is none. */
export async function takeFillNotice(now = Date.now()): Promise<FillNotice | null> {
  const session = chromeApi()?.storage?.session;
  if (session === undefined) return null;
  const stored = (await session.get(FILL_NOTICE_KEY))[FILL_NOTICE_KEY];
  if (stored === undefined) return null;
  await session.remove(FILL_NOTICE_KEY);
  return isFillNotice(stored) && now - stored.at <= FRESH_MS ? stored : null;
}
