import { siteOrigin } from '../otp';

/**
 * A site's `Date` header, read in the active tab. A fetch from the extension to the tab's origin
 * fails (CORS and the extension's CSP), even with activeTab; a function injected into the tab
 * (activeTab + scripting) asks its own origin and returns only the header's text.
 */
interface ScriptingApi {
  executeScript(injection: {
    target: { tabId: number };
    func: (origin: string) => Promise<string | null>;
    args: [string];
  }): Promise<Array<{ result?: unknown }>>;
}
interface TabsApi {
  query(q: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number; url?: string }>>;
}

export interface SiteDate {
  readonly host: string;
  readonly date: string | null;
  readonly sentAt: number;
  readonly receivedAt: number;
}

/**
 * Runs in the tab (serialized: it may use nothing from this module). A HEAD to the origin's root,
 * never to the page itself (which may be a one-time link), without cookies (the site cannot tell
 * the request from any visitor's), and not from a cache. Null when the tab left `origin`.
 */
async function dateHeaderOf(origin: string): Promise<string | null> {
  if (location.origin !== origin) return null;
  const response = await fetch(new URL('/', location.href), {
    method: 'HEAD',
    credentials: 'omit',
    cache: 'no-store',
  });
  return response.headers.get('date');
}

/**
 * The Date header of `origin` (an account's site, clock-check-site.ts), if the active tab shows
 * it; undefined when it does not or the grant does not cover it.
 */
export async function readSiteDate(
  origin: string,
  now: () => number = Date.now,
): Promise<SiteDate | undefined> {
  const chrome = (globalThis as { chrome?: { scripting?: ScriptingApi; tabs?: TabsApi } }).chrome;
  if (chrome?.scripting === undefined || chrome.tabs === undefined) return undefined;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || siteOrigin(tab.url) !== origin) return undefined;
  const sentAt = now();
  const [injected] = await chrome.scripting.executeScript({
    target: { tabId: tab.id },
    func: dateHeaderOf,
    args: [origin],
  });
  const receivedAt = now();
  const date = typeof injected?.result === 'string' ? injected.result : null;
  return { host: new URL(origin).host, date, sentAt, receivedAt };
}
