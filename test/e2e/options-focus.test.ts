/**
 * Where the keyboard focus goes on the options page after a click that disables its own button
 * while the work runs (Chromium then moves the focus to the page's body): to the message that
 * says what happened, or after an unlock to the page's title, so keyboard and screen-reader users
 * are not sent back to the top of the page.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { addAccountByHand } from '../support/lock-driver';

const PASSPHRASE = 'paard batterij nietje correct';
let eb: ExtensionBrowser;
let options: Page;

/** What has the focus: its test id, or its tag when it has none. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.getAttribute('data-testid') ?? active?.tagName.toLowerCase() ?? null;
  });

beforeAll(async () => {
  eb = await launchWithExtension();
  const popup = await eb.openPopupTab();
  await addAccountByHand(popup, { secret: 'JBSWY3DPEHPK3PXP', issuer: 'Zorgmail', label: 'balie' });
  await popup.close();
  options = await eb.browser.newPage();
  await options.goto(`chrome-extension://${eb.extensionId}/extension/options/index.html`);
});

afterAll(async () => {
  await eb?.close();
});

test('a passphrase saved with a click: the message that it is saved has the focus', async () => {
  await options.waitForSelector('input[name="new-passphrase"]');
  await options.type('input[name="new-passphrase"]', PASSPHRASE);
  await options.type('input[name="new-passphrase-confirm"]', PASSPHRASE);
  await options.click('[data-testid="save-passphrase"]');
  await options.waitForSelector('input[name="current-passphrase"]', { timeout: 20_000 });
  await options
    .waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'passphrase-message', {
      timeout: 5_000,
    })
    .catch(() => undefined);
  expect(await focused(options)).toBe('passphrase-message');
}, 60_000);

test('a backup made with a click: the message that it is made has the focus', async () => {
  await options.click('[data-testid=export-backup]');
  // The vault has a passphrase now (the test above): the backup asks for it too.
  await options.type('[data-testid=export-backup-passphrase]', PASSPHRASE);
  await options.type('input[name=export-passphrase]', PASSPHRASE);
  await options.type('input[name=export-passphrase-confirm]', PASSPHRASE);
  await options.click('[data-testid=export-confirm]');
  // The status says "Working…" (not an error either) while the passphrase is checked and the
  // backup encrypted: wait for the final message, then for the focus it takes once drawn.
  const done = (await options.evaluate(`chrome.i18n.getMessage('exportDoneOne')`)) as string;
  expect(done).not.toBe('');
  await options.waitForFunction(
    (text) => document.querySelector('[data-testid=export-status]:not(.error)')?.textContent === text,
    { timeout: 30_000 },
    done,
  );
  await options
    .waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'export-status', {
      timeout: 5_000,
    })
    .catch(() => undefined);
  expect(await focused(options)).toBe('export-status');
}, 60_000);

test('unlocked on the page with a click: the page title has the focus, not the body', async () => {
  const popup = await eb.openPopupTab();
  await popup.waitForSelector('[data-testid="lock"]');
  await popup.click('[data-testid="lock"]');
  await popup.close();
  // The page locks with the popup (it watches the session).
  await options.waitForSelector('[data-testid="unlock"] input[name="passphrase"]:not([readonly])', {
    timeout: 10_000,
  });
  await options.type('[data-testid="unlock"] input[name="passphrase"]', PASSPHRASE);
  await options.click('[data-testid="unlock-submit"]');
  await options.waitForSelector('input[name="current-passphrase"]', { timeout: 20_000 });
  await options
    .waitForFunction(() => document.activeElement?.tagName === 'H1', { timeout: 5_000 })
    .catch(() => undefined);
  expect(await focused(options)).toBe('h1');
}, 60_000);
