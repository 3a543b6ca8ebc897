import { HOTP, Secret } from 'otpauth';
import type { Page, Target, WebWorker } from 'puppeteer-core';
import type { LastScan } from '../../extension/last-scan';
import { type ExtensionBrowser, POPUP_PATH, pageOf, poll } from './extension-browser';

/**
 * Drives the scan gesture as a user does it: toolbar click, the popup's scan button, a mouse
 * drag over the page, then reads the outcome the worker stored for the popup (`lastScan`).
 */

/** The part of `chrome.*` these helpers use inside the worker and extension pages (test/ has no chrome types). */
interface ChromeForTests {
  readonly storage: {
    readonly session: {
      get(key: string): Promise<Record<string, unknown>>;
      remove(key: string): Promise<void>;
    };
    readonly onChanged: {
      addListener(
        listener: (changes: Record<string, { newValue?: unknown } | undefined>, area: string) => void,
      ): void;
    };
  };
  readonly tabs: {
    query(filter: { active: boolean; lastFocusedWindow: boolean }): Promise<{ id?: number; url?: string }[]>;
    setZoom(tabId: number, factor: number): Promise<void>;
    getZoom(tabId: number): Promise<number>;
  };
  readonly runtime: { sendMessage(message: unknown): Promise<unknown> };
}

/** `chrome` inside a function evaluated in the worker or an extension page. */
export type WithChrome = { readonly chrome: ChromeForTests };

/** Marks elements a page already had, so an element the extension adds can be told apart. */
const SEEN = 'data-scan-driver-seen';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `fn` in the service worker, waiting for a new worker if the old one was stopped. */
export async function inWorker<T, A extends unknown[]>(
  eb: ExtensionBrowser,
  fn: (...args: A) => T | Promise<T>,
  ...args: A
): Promise<T> {
  return poll(
    async () => {
      const worker: WebWorker = await eb.worker();
      return { value: (await worker.evaluate(fn as never, ...(args as unknown as never[]))) as T };
    },
    { timeout: 15_000, what: 'the service worker' },
  ).then((box) => box.value);
}

/** The ids of the accounts a scan added, in order; none unless it added some. */
export function addedIds(scan: LastScan): readonly string[] {
  return scan.status === 'added' ? scan.ids : [];
}

export async function readLastScan(eb: ExtensionBrowser): Promise<LastScan | null> {
  const stored = await inWorker(eb, () =>
    (globalThis as unknown as WithChrome).chrome.storage.session.get('lastScan'),
  );
  return (stored.lastScan as LastScan | undefined) ?? null;
}

export async function clearLastScan(eb: ExtensionBrowser): Promise<void> {
  await inWorker(eb, () => (globalThis as unknown as WithChrome).chrome.storage.session.remove('lastScan'));
}

type RecorderWindow = { scans: LastScan[] };
const recorders = new WeakMap<ExtensionBrowser, Page>();

/**
 * An extension page (the manifest, opened as a tab) that records every outcome the worker stores.
 * Reading `lastScan` directly would race with the popup, which takes it (reads and removes it)
 * as soon as it opens; a page also outlives a service-worker restart.
 */
async function recorder(eb: ExtensionBrowser): Promise<Page> {
  const existing = recorders.get(eb);
  if (existing && !existing.isClosed()) return existing;
  const page = await eb.browser.newPage();
  await page.goto(`chrome-extension://${eb.extensionId}/manifest.json`);
  await page.evaluate(() => {
    const scope = globalThis as unknown as WithChrome & RecorderWindow;
    scope.scans = [];
    scope.chrome.storage.onChanged.addListener((changes, area) => {
      const value = changes.lastScan?.newValue as LastScan | undefined;
      if (area === 'session' && value) scope.scans.push(value);
    });
  });
  recorders.set(eb, page);
  return page;
}

/** How many outcomes the worker has stored so far (starts the recorder on first use). */
export async function scanCount(eb: ExtensionBrowser): Promise<number> {
  const page = await recorder(eb);
  return page.evaluate(() => (globalThis as unknown as RecorderWindow).scans.length);
}

/**
 * Waits for the outcome stored after the first `after` ones (see scanCount). A scan captures and
 * decodes the tab (the whole page too when the selection holds no code): at a device scale of 2
 * on a loaded machine that alone takes seconds, hence the generous default.
 */
export async function waitForScan(eb: ExtensionBrowser, after: number, timeout = 30_000): Promise<LastScan> {
  const page = await recorder(eb);
  return poll(() => page.evaluate((n: number) => (globalThis as unknown as RecorderWindow).scans[n], after), {
    timeout,
    what: 'the scan outcome (lastScan)',
  });
}

const isPopup = (t: Target) => t.url().endsWith(POPUP_PATH);

/**
 * Closes every popup page (the worker opens one to report a scan; a popup opened as a tab looks
 * the same to CDP), so the next toolbar click is known to open a fresh one.
 */
export async function closeActionPopups(eb: ExtensionBrowser): Promise<void> {
  for (const target of eb.browser.targets().filter(isPopup)) {
    const popup = await pageOf(target).catch(() => null);
    await popup?.close().catch(() => undefined);
  }
  await poll(async () => (eb.browser.targets().some(isPopup) ? undefined : true), {
    timeout: 5_000,
    what: 'stale popups to close',
  });
}

/** The toolbar click on `page` after closing every popup left from before (see closeActionPopups). */
export async function openActionPopup(eb: ExtensionBrowser, page: Page): Promise<Page> {
  await closeActionPopups(eb);
  return eb.clickToolbar(page);
}

/**
 * After a scan the worker opens the popup to show the outcome (chrome.action.openPopup, which
 * headless Chromium honours). Waits briefly for it and closes it, so it cannot swallow the next
 * toolbar click; returns whether it appeared.
 */
export async function closeReportPopup(eb: ExtensionBrowser, timeout = 3_000): Promise<boolean> {
  const appeared = await poll(async () => (eb.browser.targets().some(isPopup) ? true : undefined), {
    timeout,
    what: 'the report popup',
  }).catch(() => false);
  await closeActionPopups(eb);
  return appeared;
}

/** Marks the page's current top-level elements, so the overlay's shadow host can be recognised. */
async function markPageElements(page: Page): Promise<void> {
  await page.evaluate((seen) => {
    for (const element of Array.from(document.documentElement.children)) element.setAttribute(seen, '');
  }, SEEN);
}

/**
 * True while the drag-select overlay covers the page. Its host is a <div> on <html> with a closed
 * shadow root, so the page sees only the host: at the top-left corner, where the post-scan toast
 * (also such a host) never is.
 */
export function overlayOpen(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const hit = document.elementFromPoint(2, 2);
    return hit?.tagName === 'DIV' && hit.parentElement === document.documentElement;
  });
}

/** Whether the extension's overlay (a new, unmarked child of <html>) is in the page. */
export function overlayPresent(page: Page): Promise<boolean> {
  return page.evaluate((seen) => {
    const added = Array.from(document.documentElement.children).filter((e) => !e.hasAttribute(seen));
    return added.length > 0;
  }, SEEN);
}

/**
 * Toolbar click → popup → scan button → overlay up. The popup is then closed, as it closes for a
 * user who clicks into the page.
 */
export async function startOverlay(eb: ExtensionBrowser, page: Page): Promise<void> {
  await markPageElements(page);
  const popup = await openActionPopup(eb, page);
  const button = await popup.waitForSelector('[data-testid="scan"]', { timeout: 10_000 });
  await button?.click();
  // Not overlayPresent: a late toast from the previous scan is also a new child of <html>.
  await poll(async () => ((await overlayOpen(page)) ? true : undefined), {
    timeout: 10_000,
    what: 'the scan overlay',
  });
  await popup.close().catch(() => undefined);
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** The element's box in CSS pixels of the (possibly zoomed) viewport, where page.mouse works too. */
export async function boxOf(page: Page, selector: string): Promise<Box> {
  const element = await page.waitForSelector(selector, { timeout: 10_000 });
  const box = await element?.boundingBox();
  if (!box) throw new Error(`${selector} has no box`);
  return box;
}

/** A mouse drag from `margin` px above-left of the box to `margin` px below-right of it; resolves on mouse-up. */
export async function dragAround(page: Page, box: Box, margin: number): Promise<void> {
  const from = { x: box.x - margin, y: box.y - margin };
  const to = { x: box.x + box.width + margin, y: box.y + box.height + margin };
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

export interface ScanOptions {
  /** Px (CSS, of the zoomed viewport) the drag starts before and ends beyond the element. */
  readonly margin?: number;
  /** Runs between the overlay coming up and the drag (e.g. stop the worker). */
  readonly beforeDrag?: () => Promise<void>;
}

/** The whole gesture over the element `selector`; returns what the worker stored for the popup. */
export async function scanQr(
  eb: ExtensionBrowser,
  page: Page,
  selector: string,
  { margin = 10, beforeDrag }: ScanOptions = {},
): Promise<LastScan> {
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  await beforeDrag?.();
  await dragAround(page, await boxOf(page, selector), margin);
  const scan = await waitForScan(eb, before);
  await closeReportPopup(eb);
  return scan;
}

/** Applies real browser zoom (what Ctrl+Plus does) to the active tab and waits until the page sees it. */
export async function setZoom(eb: ExtensionBrowser, page: Page, factor: number): Promise<void> {
  await page.bringToFront();
  const before = await page.evaluate(() => ({ dpr: devicePixelRatio, width: innerWidth }));
  const current = await inWorker(eb, async () => {
    const { chrome } = globalThis as unknown as WithChrome;
    const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
    return tab?.id === undefined ? 0 : chrome.tabs.getZoom(tab.id);
  });
  if (Math.abs(current - factor) < 1e-6) return;
  await inWorker(
    eb,
    async (z: number) => {
      const { chrome } = globalThis as unknown as WithChrome;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      if (tab?.id === undefined) throw new Error('no active tab');
      await chrome.tabs.setZoom(tab.id, z);
    },
    factor,
  );
  const expected = (before.dpr / current) * factor;
  await poll(
    async () => {
      const now = await page.evaluate(() => ({ dpr: devicePixelRatio, width: innerWidth }));
      return Math.abs(now.dpr - expected) < 0.01 && now.width !== before.width ? true : undefined;
    },
    { timeout: 10_000, what: `zoom ${factor}` },
  );
}

export interface PopupAccount {
  readonly id: string;
  readonly name: string;
  readonly details: string;
  /** Digits only. */
  readonly code: string;
}

/** Every account as the popup (opened as a tab) shows it. */
export async function popupAccounts(eb: ExtensionBrowser, expected = 1): Promise<PopupAccount[]> {
  const popup = await eb.openPopupTab();
  try {
    await popup.waitForFunction(
      (n: number) => document.querySelectorAll('[data-testid="account"] [data-testid="code"]').length >= n,
      { timeout: 10_000 },
      expected,
    );
    return await popup.$$eval('[data-testid="account"]', (rows) =>
      rows.map((row) => ({
        id: row.getAttribute('data-id') ?? '',
        name: row.querySelector('[data-testid="account-name"]')?.textContent ?? '',
        details: row.querySelector('.account-details')?.textContent ?? '',
        code: (row.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\D/g, ''),
      })),
    );
  } finally {
    await popup.close();
  }
}

/** The websites an account's details show (the popup opened as a tab: the row menu, "Websites"). */
export async function popupAccountSites(eb: ExtensionBrowser, accountId: string): Promise<string> {
  const tab = await eb.openPopupTab();
  try {
    const row = `[data-testid="account"][data-id="${accountId}"]`;
    await tab.waitForSelector(`${row} [data-testid="actions"]`);
    // Menu items by their own click(): this reads the details, the menu's layout is not under test.
    await tab.$eval(`${row} [data-testid="actions"]`, (el) => (el as HTMLElement).click());
    await (await tab.waitForSelector(`${row} [data-testid="edit-sites"]`))?.evaluate((el) =>
      (el as HTMLElement).click(),
    );
    const editor = await tab.waitForSelector(`${row} [data-testid="account-origins"]`);
    return (await editor?.evaluate((el) => el.textContent ?? '')) ?? '';
  } finally {
    await tab.close();
  }
}

/** Codes an independent TOTP (SHA1, 6 digits, 30 s) gives for `secret` at `now` and the next step. */
export function expectedCodes(base32Secret: string, now: number): string[] {
  // The code may roll over between reading the clock and reading the popup: accept this step or the next.
  const counter = Math.floor(now / 30_000);
  const secret = Secret.fromBase32(base32Secret);
  return [0, 1].map((d) => HOTP.generate({ secret, counter: counter + d }));
}
