/**
 * The active tab's `Date` header. A fetch from the extension to the tab's origin fails (CORS and
 * the extension's CSP), even with activeTab; a function injected into the tab (activeTab +
 * scripting) fetches its own page same-origin and returns only the header's text.
 */
interface ScriptingApi {
  executeScript(injection: {
    target: { tabId: number };
    func: () => Promise<string | null>;
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

/** Undefined when the tab is not an http(s) page or the grant does not cover it. */
export async function readSiteDate(now: () => number = Date.now): Promise<SiteDate | undefined> {
  const chrome = (globalThis as { chrome?: { scripting?: ScriptingApi; tabs?: TabsApi } }).chrome;
  if (chrome?.scripting === undefined || chrome.tabs === undefined) return undefined;
  const [tab] = await chrome.tabs.query({ active: true, currentWindow: true });
  if (tab?.id === undefined || tab.url === undefined || !/^https?:/.test(tab.url)) return undefined;
  const sentAt = now();
  const [injected] = await chrome.scripting.executeScript({
    target: { tabId: tab.id },
    func: async () => (await fetch(location.href, { method: 'HEAD', cache: 'no-store' })).headers.get('date'),
  });
  const receivedAt = now();
  const date = typeof injected?.result === 'string' ? injected.result : null;
  return { host: new URL(tab.url).host, date, sentAt, receivedAt };
}
