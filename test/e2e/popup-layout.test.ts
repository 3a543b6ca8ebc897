/**
 * The popup's and the options page's layout in real Chromium, with the built stylesheets in the
 * order the build loads them: what a happy-dom test cannot see. One account, as most staff have:
 * a row's menu shows whole, without scrolling; the fill question is framed; the options page is
 * as wide as its window, with checkboxes of a checkbox's size.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, POPUP_PATH, poll } from '../support/extension-browser';
import { type PageServer, startPageServer } from '../support/qr-page-server';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const LOGIN = `<!doctype html><html><body><h1>Inloggen</h1>
  <label>Code <input name="code" autocomplete="one-time-code" inputmode="numeric"></label></body></html>`;

let eb: ExtensionBrowser;
let pages: PageServer;
let page: Page;

beforeAll(async () => {
  eb = await launchWithExtension();
  pages = await startPageServer();
  pages.set('/login', LOGIN);
  // One account, typed in (it has no website: filling anywhere asks first).
  const tab = await eb.openPopupTab();
  await (await tab.waitForSelector('[data-testid="add-manual"]'))?.click();
  await tab.type('input[name="secret"]', SECRET);
  await tab.type('input[name="issuer"]', 'Demo Portaal');
  await tab.click('[data-testid="save"]');
  await tab.waitForSelector('[data-testid="account"] [data-testid="code"]');
  await tab.close();
  page = await eb.browser.newPage();
  await page.goto(pages.url('/login'));
}, 60_000);

afterAll(async () => {
  await eb?.close();
  await pages?.close();
});

/** The real toolbar popup over the login page, its list drawn. */
async function toolbarPopup(): Promise<Page> {
  for (const target of eb.browser.targets()) {
    if (target.url().endsWith(POPUP_PATH)) await (await target.asPage())?.close();
  }
  const popup = await eb.clickToolbar(page);
  await popup.waitForSelector('[data-testid="account"] [data-testid="fill"]');
  return popup;
}

/** A click by the element's own click(): puppeteer's would scroll it into view first. */
async function press(popup: Page, selector: string): Promise<void> {
  await popup.$eval(selector, (el) => (el as HTMLElement).click());
}

test('with one account, every item of the row menu is whole in the popup, without scrolling', async () => {
  const popup = await toolbarPopup();
  try {
    expect(await popup.evaluate(() => document.body.getBoundingClientRect().width)).toBe(360);
    await press(popup, '[data-testid="account"] [data-testid="actions"]');
    await popup.waitForSelector('.action-menu button');
    // The popup window grows to its content a moment after the menu opens: wait for it to settle.
    const hidden = async () =>
      popup.evaluate(() => {
        const inside = (r: DOMRect, box: { top: number; bottom: number; left: number; right: number }) =>
          r.top >= box.top - 0.5 &&
          r.bottom <= box.bottom + 0.5 &&
          r.left >= box.left - 0.5 &&
          r.right <= box.right + 0.5;
        const list = document.querySelector('.accounts')?.getBoundingClientRect();
        const view = { top: 0, left: 0, bottom: window.innerHeight, right: window.innerWidth };
        const items = Array.from(document.querySelectorAll<HTMLElement>('.action-menu button'));
        return {
          count: items.length,
          scrolled:
            (document.querySelector('.accounts')?.scrollTop ?? 0) +
            (document.scrollingElement?.scrollTop ?? 0),
          hidden: items
            .filter((item) => {
              const r = item.getBoundingClientRect();
              return r.height === 0 || list === undefined || !inside(r, list) || !inside(r, view);
            })
            .map((item) => item.dataset.testid),
        };
      });
    const settled = await poll(
      async () => {
        const state = await hidden();
        return state.hidden.length === 0 ? state : undefined;
      },
      { timeout: 3_000 },
    ).catch(() => hidden());
    expect(settled.count).toBeGreaterThanOrEqual(6); // pin, rename, up, down, websites, (QR,) delete
    expect(settled.hidden).toEqual([]);
    expect(settled.scrolled).toBe(0);
  } finally {
    await popup.close();
  }
});

test('the fill question is a framed box inside the popup, its checkbox a checkbox', async () => {
  const popup = await toolbarPopup();
  try {
    await press(popup, '[data-testid="account"] [data-testid="fill"]');
    await popup.waitForSelector('.fill-confirm');
    const box = await popup.$eval('.fill-confirm', (el) => {
      const style = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return {
        left: r.left,
        right: window.innerWidth - r.right,
        padding: Number.parseFloat(style.paddingLeft),
        border: Number.parseFloat(style.borderTopWidth),
        background: style.backgroundColor,
        body: getComputedStyle(document.body).backgroundColor,
      };
    });
    expect(box.left).toBeGreaterThanOrEqual(8);
    expect(box.right).toBeGreaterThanOrEqual(8);
    expect(box.padding).toBeGreaterThanOrEqual(8);
    expect(box.border).toBeGreaterThanOrEqual(1);
    expect(box.background).not.toBe(box.body);
    const checkbox = await popup.$eval(
      '.fill-confirm input[type="checkbox"]',
      (el) => el.getBoundingClientRect().width,
    );
    expect(checkbox).toBeLessThan(40);
  } finally {
    await popup.close();
  }
});

test('the options page is as wide as its window, and its checkboxes are not stretched', async () => {
  const options = await eb.browser.newPage();
  try {
    await options.setViewport({ width: 1000, height: 800 });
    await options.goto(`chrome-extension://${eb.extensionId}/extension/options/index.html`);
    const checkbox = await options.waitForSelector('input[name="allow-secret-exports"]');
    const widths = await options.evaluate(() => ({
      body: document.body.getBoundingClientRect().width,
      window: document.documentElement.clientWidth,
    }));
    expect(widths.window).toBeGreaterThan(360);
    expect(widths.body).toBe(widths.window);
    expect(await checkbox?.evaluate((el) => el.getBoundingClientRect().width)).toBeLessThan(40);
  } finally {
    await options.close();
  }
});
