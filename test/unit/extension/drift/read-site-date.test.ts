/**
 * The clock check's request as the site sees it: injected only into a tab that shows the site the
 * popup decided on, a HEAD to that origin's root (never the page's own address, which may be a
 * one-time link), without cookies and not from a cache; only the Date header's text comes back.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readSiteDate } from '../../../../extension/drift/read-site-date';

const PORTAL = 'https://portaal.example';
const DATE = 'Tue, 14 Nov 2023 22:13:30 GMT';

interface Injection {
  readonly target: { readonly tabId: number };
  readonly func: (...args: unknown[]) => Promise<unknown>;
  readonly args?: readonly unknown[];
}

/** A tab at `tabUrl`; the injected function runs as Chrome would, in a page at `pageUrl`. */
function fakeChrome(tabUrl: string, pageUrl = tabUrl) {
  const injections: Injection[] = [];
  const fetch = vi.fn(
    async (_input: unknown, _init?: RequestInit) => new Response(null, { headers: { date: DATE } }),
  );
  vi.stubGlobal('chrome', {
    tabs: { query: async () => [{ id: 7, url: tabUrl }] },
    scripting: {
      async executeScript(injection: Injection) {
        injections.push(injection);
        vi.stubGlobal('location', new URL(pageUrl));
        vi.stubGlobal('fetch', fetch);
        return [{ result: await injection.func(...(injection.args ?? [])) }];
      },
    },
  });
  return { injections, fetch };
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('readSiteDate: the request the site receives', () => {
  it('asks the origin’s root with HEAD, no cookies and no cache, and returns only the date', async () => {
    const { injections, fetch } = fakeChrome(`${PORTAL}/login/once?token=abc`);
    let t = 1000;
    const site = await readSiteDate(PORTAL, () => (t += 100));

    expect(site).toEqual({ host: 'portaal.example', date: DATE, sentAt: 1100, receivedAt: 1200 });
    expect(injections.map((i) => i.target.tabId)).toEqual([7]);
    expect(fetch).toHaveBeenCalledTimes(1);
    const [url, init] = fetch.mock.calls[0] ?? [];
    expect(String(url)).toBe(`${PORTAL}/`);
    expect(init).toMatchObject({ method: 'HEAD', credentials: 'omit', cache: 'no-store' });
  });

  it('injects nothing into a tab that shows another site', async () => {
    const { injections, fetch } = fakeChrome('https://portaal-inloggen.example/login');
    expect(await readSiteDate(PORTAL)).toBeUndefined();
    expect(injections).toEqual([]);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('requests nothing when the page has left the site by the time the script runs', async () => {
    const { fetch } = fakeChrome(`${PORTAL}/login`, 'https://portaal-inloggen.example/login');
    expect((await readSiteDate(PORTAL))?.date).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
