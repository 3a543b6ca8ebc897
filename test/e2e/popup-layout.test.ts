/**
 * The popup's and the options page's layout in real Chromium, with the built stylesheets in the
 * order the build loads them (and Chrome's own sheet for extension pages): what a happy-dom test
 * cannot see. One account, as most staff have: a row's menu shows whole, without scrolling; the
 * fill question is framed; the options page is as wide as its window, with checkboxes of a
 * checkbox's size; the text is 14 px, not Chrome's 75 %. Then two accounts of one service, whose
 * names must be read whole (and whose rows are as tall as the windowed list estimates), and the
 * locked popup, indented as its header.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { ESTIMATED_ROW_PX } from '../../extension/popup/estimated-row-px';
import { type ExtensionBrowser, launchWithExtension, POPUP_PATH, poll } from '../support/extension-browser';
import { setPassphrase } from '../support/lock-driver';
import { type PageServer, startPageServer } from '../support/qr-page-server';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
/** Two colleagues' accounts of one service: only their details line tells them apart. */
const SAME_SERVICE = [
  { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', issuer: 'Infomedics Inzicht', label: 'balie@praktijk.nl' },
  {
    secret: 'MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK',
    issuer: 'Infomedics Inzicht',
    label: 'behandelkamer1@praktijk.nl',
  },
];
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

/** Adds an account in the popup's form, as a user types it in. */
async function addAccount(secret: string, issuer: string, label = ''): Promise<void> {
  const tab = await eb.openPopupTab();
  try {
    await (await tab.waitForSelector('[data-testid="add-manual"]'))?.click();
    await tab.type('input[name="secret"]', secret);
    await tab.type('input[name="issuer"]', issuer);
    if (label !== '') await tab.type('input[name="label"]', label);
    const rows = await tab.$$eval('[data-testid="account"]', (els) => els.length);
    await tab.click('[data-testid="save"]');
    await tab.waitForFunction(
      (n: number) => document.querySelectorAll('[data-testid="account"] [data-testid="code"]').length > n,
      {},
      rows,
    );
  } finally {
    await tab.close();
  }
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
      { timeout: 10_000 },
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

test('the text of the popup and of the options page is 14 px, not the 75 % of the sheet Chrome adds to extension pages', async () => {
  const popup = await toolbarPopup();
  try {
    expect(await popup.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
  } finally {
    await popup.close();
  }
  const options = await eb.browser.newPage();
  try {
    await options.goto(`chrome-extension://${eb.extensionId}/extension/options/index.html`);
    await options.waitForSelector('input[name="allow-secret-exports"]');
    expect(await options.evaluate(() => getComputedStyle(document.body).fontSize)).toBe('14px');
  } finally {
    await options.close();
  }
});

test('two accounts of one service: both names and both details lines whole in the popup, and buttons named apart', async () => {
  for (const account of SAME_SERVICE) await addAccount(account.secret, account.issuer, account.label);
  const popup = await toolbarPopup();
  try {
    await popup.waitForFunction(() => document.querySelectorAll('[data-testid="account"]').length >= 3);
    expect(await popup.evaluate(() => document.body.getBoundingClientRect().width)).toBe(360);
    const rows = await popup.$$eval(
      '[data-testid="account"]',
      (els, issuer) =>
        els
          .filter((row) => row.querySelector('[data-testid="account-name"]')?.textContent === issuer)
          .map((row) => {
            /** Cut off: the element, or a box around it up to the row's main button, is narrower than its text. */
            const cut = (el: Element | null) => {
              if (el === null) return 'missing';
              for (let box: Element | null = el; box !== null; box = box.parentElement) {
                if (box.clientWidth > 0 && box.scrollWidth > box.clientWidth)
                  return box.className || box.tagName;
                if (box.classList.contains('row-copy')) break;
              }
              return '';
            };
            return {
              name: cut(row.querySelector('[data-testid="account-name"]')),
              details: cut(row.querySelector('.account-details')),
              detailsText: row.querySelector('.account-details')?.textContent ?? '',
              detailsSize: Number.parseFloat(
                getComputedStyle(row.querySelector('.account-details') ?? row).fontSize,
              ),
              height: row.getBoundingClientRect().height,
            };
          }),
      SAME_SERVICE[0]?.issuer,
    );
    expect(rows.map((row) => row.detailsText).sort()).toEqual(SAME_SERVICE.map((a) => a.label).sort());
    for (const row of rows) {
      expect(row).toMatchObject({ name: '', details: '' });
      // Smaller than the name over it, and still readable.
      expect(row.detailsSize).toBeGreaterThanOrEqual(12);
      expect(row.detailsSize).toBeLessThan(14);
      // Compact still: a name, its details and the code in three short lines.
      expect(row.height).toBeLessThanOrEqual(80);
      // As tall as the windowed list counts a row it has not measured yet (to half a pixel).
      expect(row.height).toBeCloseTo(ESTIMATED_ROW_PX, 0);
    }
    // A screen reader hears which of the two "Fill in" buttons it is on.
    const names: string[] = [];
    for (const row of await popup.$$('[data-testid="account"]')) {
      const fill = await row.$('[data-testid="fill"]');
      const node = fill && (await popup.accessibility.snapshot({ root: fill, interestingOnly: false }));
      if (node?.name !== undefined) names.push(node.name);
    }
    expect(names).toHaveLength(3);
    expect(new Set(names).size).toBe(3);
  } finally {
    await popup.close();
  }
});

// Found in a QA round: beside the name, "Deze website" cut "Chrome plugin behandelkamer 1" to
// "Chrome plugi…" on the portal's own page, the one place staff read which authenticator to pick.
test('an account of the page’s own site: a workstation’s long name whole (on two lines), "This website" on the details line', async () => {
  await addAccount('NBSWY3DPEB3W64TMMQQGC3DMEBTG64TBNRWA', 'Demo Portaal', 'demo');
  const tab = await eb.openPopupTab();
  try {
    await tab.waitForFunction(() =>
      Array.from(document.querySelectorAll('.account-details')).some((el) => el.textContent === 'demo'),
    );
    const id = await tab.$$eval('[data-testid="account"]', (rows) =>
      rows
        .find((row) => row.querySelector('.account-details')?.textContent === 'demo')
        ?.getAttribute('data-id'),
    );
    const row = `[data-testid="account"][data-id="${id}"]`;
    await tab.click(`${row} [data-testid="actions"]`);
    await tab.click(`${row} [data-testid="rename"]`);
    const input = await tab.waitForSelector(`${row} [data-testid="rename-input"]`);
    await input?.evaluate((el) => {
      (el as HTMLInputElement).value = '';
    });
    await input?.type('Chrome plugin behandelkamer 1');
    await tab.keyboard.press('Enter');
    await tab.waitForFunction(
      (selector) =>
        document.querySelector(`${selector} [data-testid="account-name"]`)?.textContent ===
        'Chrome plugin behandelkamer 1',
      {},
      row,
    );
    await tab.click(`${row} [data-testid="actions"]`);
    await tab.click(`${row} [data-testid="edit-sites"]`);
    await tab.type('#site-input', new URL(pages.url('/')).origin);
    await tab.keyboard.press('Enter');
    await tab.waitForSelector(`${row} [data-testid="account-origins"] li`);
  } finally {
    await tab.close();
  }
  const popup = await toolbarPopup();
  try {
    // The page's site is looked up after the rows are drawn: the badge comes a render later.
    await popup.waitForSelector('[data-testid="account"][data-match="site"] .site-match', {
      timeout: 10_000,
    });
    const shown = await popup.$$eval('[data-testid="account"]', (rows) =>
      rows
        .filter((row) => row.querySelector('.site-match') !== null)
        .map((row) => {
          const name = row.querySelector('[data-testid="account-name"]') as HTMLElement;
          return {
            name: name.textContent,
            nameCut: name.scrollWidth > name.clientWidth || name.scrollHeight > name.clientHeight,
            nameLines: Math.round(
              name.getBoundingClientRect().height / Number.parseFloat(getComputedStyle(name).lineHeight),
            ),
            details: row.querySelector('.account-details')?.textContent,
            height: row.getBoundingClientRect().height,
          };
        }),
    );
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({
      name: 'Chrome plugin behandelkamer 1',
      nameCut: false,
      details: 'This website Demo Portaal · demo',
    });
    // On a second line, which makes the row one name line taller (rows are measured); the badge
    // makes it no taller.
    expect(shown[0]?.nameLines).toBe(2);
    expect(shown[0]?.height).toBeCloseTo(ESTIMATED_ROW_PX + 14 * 1.4, 0);
  } finally {
    await popup.close();
  }
});

test("after a scan at 200 % zoom (400 × 300): the new account's row has the focus and is in view below the result", async () => {
  const tab = await eb.openPopupTab();
  await tab.waitForFunction(() => document.querySelectorAll('[data-testid="account"]').length >= 3);
  const ids = await tab.$$eval('[data-testid="account"]', (rows) =>
    rows.map((row) => row.getAttribute('data-id')),
  );
  const last = ids.at(-1);
  // What the worker leaves for the popup after a scan that added this account.
  await tab.evaluate(
    (id) =>
      (
        globalThis as unknown as { chrome: { storage: { session: { set(items: object): Promise<void> } } } }
      ).chrome.storage.session.set({
        lastScan: {
          status: 'added',
          at: Date.now(),
          foundOutsideSelection: false,
          names: ['X'],
          skipped: 0,
          ids: [id],
        },
      }),
    last,
  );
  await tab.setViewport({ width: 400, height: 300 });
  await tab.reload();
  await tab.waitForSelector('[data-testid="scan-result"]');
  const state = () =>
    tab.evaluate((id) => {
      const row = document.querySelector(`[data-testid="account"][data-id="${id}"]`);
      const box = row?.getBoundingClientRect();
      return {
        focused: row?.contains(document.activeElement) === true,
        // Within a pixel: rows are a fraction of a pixel tall (75.7 px), scrolling whole ones.
        inView: box !== undefined && box.top >= -1 && box.bottom <= window.innerHeight + 1,
      };
    }, last);
  await poll(async () => ((await state()).inView && (await state()).focused ? true : undefined), {
    timeout: 10_000,
    what: 'the new row focused and in view',
  }).catch(() => undefined);
  expect(await state()).toEqual({ focused: true, inView: true });
  await tab.close();
});

test('the locked popup: the workstation name, the sentence, the field and the button stand off the left edge, as the header does', async () => {
  const worker = await eb.worker();
  await worker.evaluate(`chrome.storage.local.set({ 'settings.workstationName': 'Chrome plugin balie' })`);
  await setPassphrase(eb, 'een lange wachtzin voor de balie');
  const open = await eb.openPopupTab();
  await (await open.waitForSelector('[data-testid="lock"]'))?.click();
  await open.waitForSelector('[data-testid="unlock"] input[name="passphrase"]');
  await open.close();
  for (const target of eb.browser.targets()) {
    if (target.url().endsWith(POPUP_PATH)) await (await target.asPage())?.close();
  }
  const popup = await eb.clickToolbar(page);
  try {
    await popup.waitForSelector('[data-testid="unlock"] input[name="passphrase"]');
    await popup.waitForSelector('[data-testid="workstation-name"]');
    const lefts = await popup.evaluate(() => {
      /** Where an element's first letter starts (its text, not its box: a box may have padding). */
      const textLeft = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return Math.min(...Array.from(range.getClientRects(), (r) => r.left));
      };
      const form = document.querySelector('[data-testid="unlock"]');
      const texts = [
        document.querySelector('[data-testid="workstation-name"]'),
        ...Array.from(form?.querySelectorAll('p, label, button') ?? []),
      ].filter((el): el is Element => el !== null && (el.textContent ?? '').trim() !== '');
      const boxes = Array.from(form?.querySelectorAll('input, button') ?? []);
      return {
        header: textLeft(document.querySelector('header h1') as Element),
        texts: texts.map((el) => [el.textContent?.slice(0, 30), textLeft(el)] as const),
        boxes: boxes.map((el) => [el.tagName, el.getBoundingClientRect().left] as const),
      };
    });
    expect(lefts.texts.length).toBeGreaterThanOrEqual(4); // the name, the sentence, the label, the hint
    expect(lefts.boxes.length).toBeGreaterThanOrEqual(2); // the field and the button
    for (const [what, left] of [...lefts.texts, ...lefts.boxes]) {
      expect({ what, left: left >= 8 }).toEqual({ what, left: true });
    }
    expect(lefts.header).toBeGreaterThanOrEqual(8);
  } finally {
    await popup.close();
  }
});
