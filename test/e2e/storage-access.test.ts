/**
 * Extension storage is closed to the content script's world (docs/extension.md, "What a page can
 * learn or change"): after the toolbar click (which grants activeTab, as for a scan), a script in
 * that world can neither read nor write chrome.storage.session or chrome.storage.local, where the
 * settings and the wrong-passphrase wait live. Extension pages still can.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { type PageServer, startPageServer } from '../support/qr-page-server';

let eb: ExtensionBrowser;
let server: PageServer;

beforeAll(async () => {
  eb = await launchWithExtension();
  server = await startPageServer();
  server.set('/page', '<!doctype html><title>Portaal</title><h1>Inloggen</h1>');
});
afterAll(async () => {
  await eb?.close();
  await server?.close();
});

describe('extension storage and the content script', () => {
  test('a script in the content script’s world cannot read or write local or session storage', async () => {
    // The extension's own pages write their settings (and so start the worker).
    const popup = await eb.openPopupTab();
    await popup.waitForSelector('[data-testid="add-manual"]');
    await popup.evaluate(() =>
      (
        globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void> } } } }
      ).chrome.storage.local.set({ 'settings.clipboardClearSeconds': 30 }),
    );
    await popup.close();

    const page = await eb.browser.newPage();
    await page.goto(server.url('/page'));
    await (await eb.clickToolbar(page)).close();
    const worker = await eb.worker();
    // A string: the worker has no tsx helpers, and this test's tsconfig no chrome types.
    const outcome = (await worker.evaluate(`(async () => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => (t.url ?? '').startsWith(${JSON.stringify(server.url('/'))}));
      const [run] = await chrome.scripting.executeScript({
        target: { tabId: tab.id },
        func: async () => {
          const attempt = (work) => work().then((value) => 'allowed: ' + JSON.stringify(value), (e) => 'refused: ' + e.message);
          return {
            readLocal: await attempt(() => chrome.storage.local.get(null)),
            writeLocal: await attempt(() => chrome.storage.local.set({ 'lock.throttle': { failures: 0, notBefore: 0 } })),
            readSession: await attempt(() => chrome.storage.session.get(null)),
          };
        },
      });
      return run.result;
    })()`)) as Record<string, string>;
    expect(outcome).toEqual({
      readLocal: expect.stringMatching(/^refused: /),
      writeLocal: expect.stringMatching(/^refused: /),
      readSession: expect.stringMatching(/^refused: /),
    });

    // The extension's pages (here the worker) still read and write it.
    expect(await worker.evaluate(`chrome.storage.local.get('settings.clipboardClearSeconds')`)).toEqual({
      'settings.clipboardClearSeconds': 30,
    });
    await page.close();
  }, 60_000);
});
