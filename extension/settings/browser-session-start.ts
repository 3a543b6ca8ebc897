/**
 * When this browser session began, as far as the extension can tell: chrome.storage.session is
 * empty at each browser start (and after the extension is updated or reloaded), and the first
 * worker or page of the session that asks records the time there. A service worker stopped and
 * started again mid-session finds it, so it does not count as a new start. Memory only: the key
 * holds a time, nothing secret.
 */
export const BROWSER_SESSION_START_KEY = 'browserSession.startedAt';

interface SessionArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * The recorded start (recording now if this is the first asker); undefined when it cannot be read.
 * A recorded start later than now is a clock stepped back since (Windows syncs the time at boot):
 * the start is recorded again, now, so the time since it is not negative and counts from here.
 */
export async function browserSessionStart(session: SessionArea | undefined): Promise<number | undefined> {
  if (session === undefined) return undefined;
  try {
    const recorded = (await session.get(BROWSER_SESSION_START_KEY))[BROWSER_SESSION_START_KEY];
    const now = Date.now();
    if (typeof recorded === 'number' && Number.isFinite(recorded) && recorded <= now) return recorded;
    await session.set({ [BROWSER_SESSION_START_KEY]: now });
    return now;
  } catch {
    return undefined;
  }
}
