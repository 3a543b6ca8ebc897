/**
 * Issue 4: every outcome of a scan other than the happy path, in real headless Chromium with the
 * built extension: what the worker stores for the popup (`lastScan`), and what the page can learn.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Secret } from 'otpauth';
import type { ElementHandle, Page, SerializedAXNode } from 'puppeteer-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { LastScan } from '../../extension/last-scan';
import { type ExtensionBrowser, launchWithExtension, poll } from '../support/extension-browser';
import { setPassphrase } from '../support/lock-driver';
import { Algorithm, DigitCount, migrationUri, OtpType } from '../support/migration-uri';
import { startPageServer } from '../support/qr-page-server';
import {
  addedIds,
  boxOf,
  closeReportPopup,
  dragAround,
  expectedCodes,
  inWorker,
  openActionPopup,
  overlayOpen,
  overlayPresent,
  popupAccounts,
  scanCount,
  scanQr,
  sleep,
  startOverlay,
  type WithChrome,
  waitForScan,
} from '../support/scan-driver';

let eb: ExtensionBrowser;
let pages: Awaited<ReturnType<typeof startPageServer>>;
let page: Page;
/** Accounts stored so far in this browser's vault (the tests share one). */
let stored = 0;

beforeAll(async () => {
  pages = await startPageServer();
  eb = await launchWithExtension({ args: ['--window-size=1280,1000'] });
  page = await eb.browser.newPage();
  await page.setViewport(null);
});
afterAll(async () => {
  await eb?.close();
  await pages?.close();
});

/** Long enough for a scan the overlay should not have started to have shown up. */
const QUIET_MS = 750;

const secretFor = (seed: string, length = 32) =>
  new Secret({ buffer: new Uint8Array(createHash('sha256').update(seed).digest()).buffer }).base32.slice(
    0,
    length,
  );

const otpauth = (issuer: string, label: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

/** Serves a page with `text` as a QR <img id="qr"> (omitted when null) plus `extra` HTML, and opens it. */
async function openQrPage(
  path: string,
  text: string | null,
  extra = '',
  headers: Readonly<Record<string, string>> = {},
): Promise<void> {
  const img =
    text === null
      ? ''
      : `<img id="qr" alt="QR" src="${await QRCode.toDataURL(text, { scale: 4, margin: 4 })}" style="position:absolute;left:640px;top:120px">`;
  pages.set(
    path,
    `<!doctype html><html lang="en"><meta charset="utf-8"><title>Portal</title><body style="margin:0">` +
      `<h1 style="margin:16px">Set up two-step verification</h1>` +
      `<div id="decoy" style="position:absolute;left:60px;top:160px;width:260px;height:200px;background:#eef">Instructions</div>` +
      `${img}${extra}</body>`,
    headers,
  );
  await page.goto(pages.url(path));
  if (text !== null) {
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);
  }
}

/** The extension's Dutch messages (its default language). */
const DUTCH = JSON.parse(readFileSync('extension/public/_locales/nl/messages.json', 'utf8')) as Record<
  string,
  { message: string }
>;

/**
 * A message as the page is shown it (in the browser's language: English here, as this Chromium
 * has no other UI language installed) and in Dutch, which must contain `dutchWord`.
 */
async function texts(key: string, dutchWord: string): Promise<string[]> {
  const dutch = DUTCH[key]?.message ?? '';
  expect(dutch, `${key} in Dutch`).toContain(dutchWord);
  const shown = await inWorker(
    eb,
    (k: string) =>
      (
        globalThis as unknown as { chrome: { i18n: { getMessage(key: string): string } } }
      ).chrome.i18n.getMessage(k),
    key,
  );
  expect(shown, key).not.toBe('');
  return [shown, dutch];
}

/**
 * The words of `text` (4 letters or more) that the page's own script, in the main world, finds
 * with `window.find`. That searches the text inside closed shadow roots as well: were the toast's
 * or the hint's text a text node there, a page could tell the scan's outcome (done, held with a
 * locked vault, no code, failed) and the browser's language apart. Each find's selection is undone.
 */
function wordsThePageFinds(text: string): Promise<string[]> {
  const words = text.split(/[\s.,—]+/).filter((word) => word.length >= 4);
  return page.evaluate((candidates: string[]) => {
    const find = (
      window as unknown as {
        find(text: string, caseSensitive: boolean, backwards: boolean, wrap: boolean): boolean;
      }
    ).find.bind(window);
    return candidates.filter((word) => {
      const found = find(word, false, false, true);
      getSelection()?.removeAllRanges();
      return found;
    });
  }, words);
}

/**
 * Asserts that the page finds no word of message `key` (`shown`: as shown, and in Dutch, from
 * texts()) while it is on the page (`stillShown` after the search proves it was), and, as a
 * control, that it does find the page's own text the same way.
 */
async function expectUnfindable(key: string, shown: readonly string[], stillShown: () => Promise<boolean>) {
  // Soft: a failure names every text the page could find, not only the first.
  for (const text of shown) expect.soft(await wordsThePageFinds(text), key).toEqual([]);
  expect(await stillShown(), `${key} still on the page`).toBe(true);
  expect(await wordsThePageFinds('Instructions')).toEqual(['Instructions']);
}

/** The toast after a scan: the host on <html> the extension added that, unlike the overlay's, lets clicks through. */
async function toastHost(): Promise<ElementHandle<Element>> {
  await poll(async () => ((await overlayPresent(page)) && !(await overlayOpen(page)) ? true : undefined), {
    what: 'the toast',
  });
  const host = await page.evaluateHandle(() => document.documentElement.lastElementChild);
  const element = host.asElement();
  if (!element) throw new Error('no toast host');
  return element as ElementHandle<Element>;
}

/**
 * scanQr, checking on the way that the page finds no word of the overlay's hint (before the
 * drag) nor of the toast after the scan (`toastKey`, containing `toastWord`; checked as soon as
 * it shows, as it goes after 4 s).
 */
async function scanFindingNothing(
  selector: string,
  toastKey: string,
  toastWord: string,
  { margin = 10, beforeDrag }: { margin?: number; beforeDrag?: () => Promise<void> } = {},
): Promise<{ scan: LastScan; toast: ElementHandle<Element> }> {
  // Asked of the worker now: the toast goes after 4 s, and its check must fit in them.
  const hint = await texts('overlayHint', 'rechthoek');
  const toastTexts = await texts(toastKey, toastWord);
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  await expectUnfindable('overlayHint', hint, () => overlayOpen(page));
  await beforeDrag?.();
  await dragAround(page, await boxOf(page, selector), margin);
  const host = await toastHost();
  await expectUnfindable(toastKey, toastTexts, () => host.evaluate((h) => h.isConnected));
  const scan = await waitForScan(eb, before);
  await closeReportPopup(eb);
  return { scan, toast: host };
}

test('a selection with no QR code, on a page with none, says so (no-qr)', async () => {
  await openQrPage('/none', null);
  expect(await scanQr(eb, page, '#decoy')).toMatchObject({ status: 'no-qr' });
});

test('a QR code holding a web address is named as such (not-otp, its host)', async () => {
  await openQrPage('/url', 'https://portal.example.com/login?next=%2Fhome');
  expect(await scanQr(eb, page, '#qr')).toMatchObject({
    status: 'not-otp',
    content: { kind: 'url', host: 'portal.example.com' },
  });
});

test('a QR code holding plain text is named as such (not-otp, text)', async () => {
  await openQrPage('/text', 'Welkom bij de balie. Vraag naar Jan.');
  expect(await scanQr(eb, page, '#qr')).toMatchObject({ status: 'not-otp', content: { kind: 'text' } });
});

test('an otpauth URI without a secret is invalid (missing-secret)', async () => {
  await openQrPage('/no-secret', 'otpauth://totp/Demo%20Portaal:demo?issuer=Demo%20Portaal&digits=6');
  expect(await scanQr(eb, page, '#qr')).toMatchObject({ status: 'invalid', error: 'missing-secret' });
});

test('a selection that misses the code uses the one code on the page, and says so', async () => {
  const secret = secretFor('outside');
  await openQrPage('/outside', otpauth('Demo Portaal', 'buiten', secret));
  const scan = await scanQr(eb, page, '#decoy', { margin: 10 });
  expect(scan).toMatchObject({
    status: 'added',
    names: ['Demo Portaal: buiten'],
    foundOutsideSelection: true,
  });
  stored += 1;
  const now = Date.now();
  const account = (await popupAccounts(eb, stored)).find((a) => a.id === addedIds(scan)[0]);
  expect(expectedCodes(secret, now)).toContain(account?.code);
});

test('a selection over part of the code still finds it, across the dimming and the border', async () => {
  // The overlay stays up during the capture (issue 9): outside the selection the page is dimmed,
  // and the selection's border crosses the code. The whole-page fallback must read through both.
  const secret = secretFor('partial');
  await openQrPage('/partial', otpauth('Demo Portaal', 'half', secret));
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  const box = await boxOf(page, '#qr');
  await dragAround(
    page,
    { x: box.x - 40, y: box.y - 40, width: box.width / 2 + 40, height: box.height / 2 + 40 },
    0,
  );
  const scan = await waitForScan(eb, before);
  await closeReportPopup(eb);
  expect(scan).toMatchObject({ status: 'added', names: ['Demo Portaal: half'], foundOutsideSelection: true });
  stored += 1;
});

test('Esc cancels: no scan, and the overlay leaves nothing behind (not even its key listener)', async () => {
  await openQrPage('/esc', otpauth('Esc', 'never', secretFor('esc')));
  const before = await scanCount(eb);
  const childCount = await page.evaluate(() => document.documentElement.childElementCount);
  await startOverlay(eb, page);
  await page.keyboard.press('Escape');
  await poll(async () => ((await overlayPresent(page)) ? undefined : true), { what: 'the overlay to go' });
  expect(await page.evaluate(() => document.documentElement.childElementCount)).toBe(childCount);
  // Enter after the overlay is gone must not start a whole-page scan: the listener went with it.
  await page.keyboard.press('Enter');
  await sleep(QUIET_MS);
  expect(await scanCount(eb)).toBe(before);
  expect(await overlayPresent(page)).toBe(false);
});

test("the page's own synthetic keys do nothing: no whole-page scan, no cancel", async () => {
  await openQrPage('/synthetic', otpauth('Synthetisch', 'nooit', secretFor('synthetic')));
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  await page.evaluate(() => {
    for (const key of ['Enter', 'Escape']) {
      window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
    }
  });
  await sleep(QUIET_MS);
  expect(await scanCount(eb)).toBe(before);
  expect(await overlayPresent(page)).toBe(true);
  await page.keyboard.press('Escape');
  await poll(async () => ((await overlayPresent(page)) ? undefined : true), { what: 'the overlay to go' });
});

test('Enter scans the whole visible page', async () => {
  const secret = secretFor('enter');
  await openQrPage('/enter', otpauth('Toetsenbord', 'enter', secret));
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  await page.keyboard.press('Enter');
  const scan = await waitForScan(eb, before);
  expect(scan).toMatchObject({
    status: 'added',
    names: ['Toetsenbord: enter'],
    foundOutsideSelection: false,
  });
  stored += 1;
  const now = Date.now();
  const account = (await popupAccounts(eb, stored)).find((a) => a.id === addedIds(scan)[0]);
  expect(expectedCodes(secret, now)).toContain(account?.code);
});

/** A Google Authenticator export of SHA-1, 6-digit TOTP accounts. */
const exportUri = (entries: readonly { secret: string; name: string; issuer: string }[]) =>
  migrationUri(
    entries.map((e) => ({
      secret: Secret.fromBase32(e.secret).bytes,
      name: e.name,
      issuer: e.issuer,
      algorithm: Algorithm.SHA1,
      digits: DigitCount.SIX,
      type: OtpType.TOTP,
    })),
  );

test('a Google Authenticator export imports every account in it', async () => {
  const entries = [
    { secret: secretFor('export-1'), name: 'Demo Portaal:demo', issuer: 'Demo Portaal' },
    { secret: secretFor('export-2', 16), name: 'bob', issuer: 'Bank' },
    { secret: secretFor('export-3', 40), name: 'Mail:carol', issuer: '' },
  ];
  await openQrPage('/export', exportUri(entries));
  const scan = await scanQr(eb, page, '#qr', { margin: 20 });
  expect(scan).toMatchObject({
    status: 'added',
    names: ['Demo Portaal: demo', 'Bank: bob', 'Mail: carol'],
    skipped: 0,
  });
  expect(addedIds(scan)).toHaveLength(3);
  stored += 3;
  const now = Date.now();
  const accounts = await popupAccounts(eb, stored);
  expect(accounts).toHaveLength(stored);
  entries.forEach((entry, i) => {
    const account = accounts.find((a) => a.id === addedIds(scan)[i]);
    expect(expectedCodes(entry.secret, now), entry.name).toContain(account?.code);
  });
});

test('on a chrome:// page the scan button is told the page is forbidden', async () => {
  await page.goto('chrome://version');
  const popup = await openActionPopup(eb, page);
  try {
    const reply = await popup.evaluate(() =>
      (globalThis as unknown as WithChrome).chrome.runtime.sendMessage({ type: 'scan-start' }),
    );
    expect(reply).toEqual({ ok: false, reason: 'forbidden' });
  } finally {
    await popup.close().catch(() => undefined);
  }
});

test('the page learns nothing: no message, no name, no code, only a closed-shadow toast', async () => {
  const secret = secretFor('private');
  const issuer = 'Geheim Portaal';
  await openQrPage('/private', otpauth(issuer, 'vertrouwelijk', secret));
  // The page's own script (main world) listens for anything the extension might tell it.
  await page.evaluate(() => {
    const seen = { messages: [] as string[], added: [] as string[] };
    (window as unknown as { seen: typeof seen }).seen = seen;
    window.addEventListener('message', (event) => seen.messages.push(JSON.stringify(event.data)));
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of Array.from(record.addedNodes))
          seen.added.push(`${node.nodeName}:${node.textContent ?? ''}`);
        if (record.type === 'characterData') seen.added.push(`#text:${record.target.textContent ?? ''}`);
      }
    }).observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  });
  const textBefore = await page.evaluate(() => document.body.textContent);

  // Nor can it find the words of the hint or of the toast ("QR code read…") with window.find.
  const { scan, toast: toastHost } = await scanFindingNothing('#qr', 'overlayDone', 'vanzelf');
  expect(scan.status).toBe('added');
  stored += 1;
  const codes = expectedCodes(secret, Date.now());

  const seen = await page.evaluate(() => (window as unknown as { seen: unknown }).seen);
  const observed = seen as { messages: string[]; added: string[] };
  expect(observed.messages).toEqual([]);
  const pageText = [await page.evaluate(() => document.body.textContent), ...observed.added].join('\n');
  for (const secretish of [issuer, 'vertrouwelijk', secret, ...codes])
    expect(pageText).not.toContain(secretish);
  expect(await page.evaluate(() => document.body.textContent)).toBe(textBefore);

  // The one trace: the toast (its host, on <html> while it showed), in a shadow root the page cannot open.
  const toast = await toastHost.evaluate((host) => ({
    tag: host.tagName,
    shadowRoot: host.shadowRoot ?? null,
    text: host.textContent,
  }));
  expect(toast).toEqual({ tag: 'DIV', shadowRoot: null, text: '' });
});

/**
 * The text in each node of `role` in the page's accessibility tree, closed shadow roots included:
 * the toast's live region (`status`), the overlay (a `dialog` that its hint describes).
 */
async function textsOfRole(role: 'status' | 'dialog'): Promise<string[]> {
  // Two frames: the tree is read after the last change was styled and laid out.
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
  const textIn = (node: SerializedAXNode): string =>
    node.role === 'StaticText' ? (node.name ?? '') : (node.children ?? []).map(textIn).join('');
  const found = (node: SerializedAXNode): string[] =>
    node.role === role ? [textIn(node)] : (node.children ?? []).flatMap(found);
  const root = await page.accessibility.snapshot({ interestingOnly: false });
  return root ? found(root) : [];
}

/**
 * Asserts that the overlay (its hint) or the toast's live region, in its closed shadow root, shows
 * `text`, and still does after the page's own script takes the host (the last child of
 * <html>) out and puts it back.
 */
async function expectShownThroughReinsertion(
  text: string,
  what: string,
  role: 'status' | 'dialog',
): Promise<void> {
  expect(await textsOfRole(role), what).toEqual([text]);
  await page.evaluate(() => {
    const host = document.documentElement.lastElementChild;
    if (!host) throw new Error('no host');
    host.remove();
    document.documentElement.append(host);
  });
  expect(await textsOfRole(role), `${what}, re-inserted by the page`).toEqual([text]);
}

test('a page whose CSP forbids inline styles neither blanks the hint and the toast nor hears of them', async () => {
  // The texts are CSS generated content (shadow-text.ts): without the overlay's styles they would
  // be empty, not merely unstyled. Chromium lets the content script insert a <style> despite the
  // page's CSP, but parses it again under that CSP when the page re-inserts its host; adopted
  // (constructed) stylesheets are outside CSP.
  const qr = await QRCode.toDataURL('https://portal.example.com/csp', { scale: 4, margin: 4 });
  // The page's own inline styles are refused too: the code sits in the flow, centred by attribute.
  await openQrPage('/csp', null, `<p align="center"><img id="qr" alt="QR" src="${qr}"></p>`, {
    'content-security-policy': "default-src 'none'; img-src data:; style-src 'none' 'report-sample'",
  });
  await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);
  // The policy holds: the page's own style attribute was refused.
  expect(await page.$eval('#decoy', (decoy) => getComputedStyle(decoy).position)).toBe('static');
  // Every refusal from now on, as the page's own script hears of them.
  await page.evaluate(async () => {
    const refused: string[] = [];
    (window as unknown as { refused: string[] }).refused = refused;
    document.addEventListener('securitypolicyviolation', (event) =>
      refused.push(`${event.effectiveDirective}: ${event.sample}`),
    );
    // Refusals of the page's own styles, queued while it loaded, come before the scan.
    await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
    refused.length = 0;
  });

  const [hint = ''] = await texts('overlayHint', 'rechthoek');
  const [failed = ''] = await texts('overlayFailed', 'gelukt');
  const before = await scanCount(eb);
  await startOverlay(eb, page);
  await expectShownThroughReinsertion(hint, 'the hint', 'dialog');
  await dragAround(page, await boxOf(page, '#qr'), 10);
  await toastHost();
  await expectShownThroughReinsertion(failed, 'the toast', 'status');
  expect(await waitForScan(eb, before)).toMatchObject({ status: 'not-otp' });
  await closeReportPopup(eb);
  expect(await page.evaluate(() => (window as unknown as { refused: string[] }).refused)).toEqual([]);
});

test('nor which toast it got, or in which language: the page finds no word of any of them', async () => {
  await openQrPage('/find-no-code', null);
  const noCode = await scanFindingNothing('#decoy', 'overlayNoCode', 'gevonden');
  expect(noCode.scan).toMatchObject({ status: 'no-qr' });
  await openQrPage('/find-failed', 'https://portal.example.com/login');
  const failed = await scanFindingNothing('#qr', 'overlayFailed', 'gelukt');
  expect(failed.scan).toMatchObject({ status: 'not-otp' });

  // Held: the vault, with a passphrase, locks during the drag (as in scan-while-locked.test.ts).
  // Last in this file: the vault stays locked.
  await setPassphrase(eb, 'paarse olifant achter de balie');
  await openQrPage('/find-held', otpauth('Vergrendeld Portaal', 'gehouden', secretFor('held')));
  const held = await scanFindingNothing('#qr', 'overlayHeld', 'wachtwoordzin', {
    beforeDrag: async () => {
      const worker = await eb.worker();
      const sessionKey = async () =>
        JSON.stringify(await worker.evaluate(`chrome.storage.session.get('vault.session')`)) !== '{}';
      await worker.evaluate(`chrome.idle.onStateChanged.dispatch('locked')`);
      await poll(async () => ((await sessionKey()) ? undefined : true), { what: 'the vault to lock' });
      await page.bringToFront();
    },
  });
  expect(held.scan).toMatchObject({ status: 'held', count: 1 });
}, 90_000);
