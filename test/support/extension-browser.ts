import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import puppeteer, {
  type Browser,
  type Extension,
  type Page,
  type Target,
  type WebWorker,
} from 'puppeteer-core';
import { EXTENSION_ID } from '../../manifest.config';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The built extension: dist/, or another build to compare against (EXTENSION_DIST=path). */
export const DIST = resolve(process.env.EXTENSION_DIST ?? 'dist');
export const POPUP_PATH = 'extension/popup/index.html';

export interface ExtensionBrowser {
  readonly browser: Browser;
  readonly extension: Extension;
  readonly extensionId: string;
  /** The extension's service worker, once its code has run. */
  worker(): Promise<WebWorker>;
  /** Opens the popup as a tab (for tests that do not need the toolbar click). */
  openPopupTab(): Promise<Page>;
  /** The toolbar click on `page`: opens the real popup (a new one) and grants activeTab for that tab. */
  clickToolbar(page: Page): Promise<Page>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** --force-device-scale-factor (a real device pixel ratio). */
  readonly scaleFactor?: number;
  readonly args?: readonly string[];
  /** An existing profile folder (a browser restart, a copied profile); kept on close. */
  readonly profile?: string;
  /** Another build of the extension than DIST (e.g. one with its optional permissions granted). */
  readonly dist?: string;
}

/** Headless Debian Chromium with the built extension from dist/ and a fresh profile. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionBrowser> {
  const profile = options.profile ?? mkdtempSync(join(tmpdir(), 'authenticator-e2e-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    pipe: true,
    enableExtensions: [options.dist ?? DIST],
    userDataDir: profile,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--no-default-browser-check',
      ...(options.scaleFactor ? [`--force-device-scale-factor=${options.scaleFactor}`] : []),
      ...(options.args ?? []),
    ],
  });
  const workerTarget = await browser.waitForTarget(
    (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`),
    { timeout: 15_000 },
  );
  const extensions = await browser.extensions();
  const extension = extensions.get(EXTENSION_ID);
  if (!extension) throw new Error(`extension ${EXTENSION_ID} did not load from ${options.dist ?? DIST}`);

  return {
    browser,
    extension,
    extensionId: EXTENSION_ID,
    async worker() {
      const target = await browser
        .waitForTarget(
          (t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`),
          { timeout: 15_000 },
        )
        .catch(() => workerTarget);
      const worker = await target.worker();
      if (!worker) throw new Error('the service worker target has no worker');
      return worker;
    },
    async openPopupTab() {
      const page = await browser.newPage();
      await page.goto(`chrome-extension://${EXTENSION_ID}/${POPUP_PATH}`);
      return page;
    },
    async clickToolbar(page) {
      // The popup this click opens, not one still open from before (a scan's report, say).
      const before = new Set(browser.targets());
      await page.bringToFront();
      await page.triggerExtensionAction(extension);
      const target = await browser.waitForTarget((t) => t.url().endsWith(POPUP_PATH) && !before.has(t), {
        timeout: 10_000,
      });
      return pageOf(target);
    },
    async close() {
      await browser.close();
      if (options.profile === undefined) rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Polls `probe` until it returns something other than undefined; throws after `timeout` ms. */
export async function poll<T>(
  probe: () => Promise<T | undefined>,
  { timeout = 10_000, interval = 20, what = 'condition' } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      // A worker restarting (its target closed), a page not ready yet: try again until the deadline.
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms waiting for ${what}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

/**
 * The page of a target that has just appeared: asPage() right then can fail with "Requesting main
 * frame too early" (more often on a busy machine), so it is tried again for a while.
 */
export function pageOf(target: Target, timeout = 5_000): Promise<Page> {
  return poll(() => target.asPage(), { timeout, what: `the page of ${target.url()}` });
}
