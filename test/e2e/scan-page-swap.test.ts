/**
 * Issue 9, finding #9 (SECURITY #33): a page must not be able to change what is captured between
 * the user's selection and the capture. The hostile page here shows the portal's QR code over an
 * attacker's one and uncovers the attacker's the moment it notices the scan is over: the overlay's
 * element leaving the page, any later DOM change, or the page losing visibility or focus.
 */
import type { Page } from 'puppeteer-core';
import QRCode from 'qrcode';
import { expect, test } from 'vitest';
import type { LastScan } from '../../extension/last-scan';
import { useScanBrowser } from '../support/scan-browser';
import {
  addedIds,
  closeReportPopup,
  expectedCodes,
  popupAccounts,
  scanCount,
  scanQr,
  startOverlay,
  waitForScan,
} from '../support/scan-driver';

const browser = useScanBrowser({ args: ['--window-size=1280,1000'] });

/** The portal's account for each test (its own secret, so each scan adds one), and the attacker's. */
const PORTAL = {
  drag: { label: 'slepen', secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP' },
  enter: { label: 'enter', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' },
} as const;
const ATTACKER_SECRET = 'KRUGS4ZANFZSAYJAO5XXE23FOIQHEZLT';
const uri = (issuer: string, label: string, secret: string) =>
  `otpauth://totp/${encodeURIComponent(issuer)}:${label}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;

/** Runs in the page: uncovers #evil under #qr as soon as anything suggests the capture is due. */
const HOSTILE_SCRIPT = `
  window.swaps = [];
  const swap = (why) => {
    if (!window.armed) return;
    window.swaps.push(why);
    document.getElementById('qr').style.visibility = 'hidden';
  };
  const known = new Set(document.documentElement.children);
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        // The first element the page did not put there is the overlay: arm; any later change fires.
        if (record.target === document.documentElement && !known.has(node) && !window.armed) {
          window.armed = true;
          known.add(node);
          continue;
        }
        swap('added ' + node.nodeName);
      }
      for (const node of record.removedNodes) swap('removed ' + node.nodeName);
      if (record.type === 'attributes' && record.target.id !== 'qr') swap('attribute ' + record.attributeName);
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true });
  document.addEventListener('visibilitychange', () => swap('visibility'));
  window.addEventListener('blur', () => swap('blur'));
`;

type Portal = (typeof PORTAL)[keyof typeof PORTAL];

async function openHostilePage(path: string, portal: Portal) {
  const { eb, pages } = browser;
  const image = (id: string, text: string) =>
    QRCode.toDataURL(text, { scale: 4, margin: 4 }).then(
      (src) => `<img id="${id}" src="${src}" style="position:absolute;left:400px;top:160px">`,
    );
  pages.set(
    path,
    '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Portaal</title><body style="margin:0">' +
      '<h1 style="margin:16px">Scan de code</h1>' +
      (await image('evil', uri('Aanvaller', 'buit', ATTACKER_SECRET))) +
      (await image('qr', uri('Echt Portaal', portal.label, portal.secret))) +
      `<script>${HOSTILE_SCRIPT}</script></body></html>`,
  );
  const page = await eb.browser.newPage();
  await page.setViewport(null);
  await page.goto(pages.url(path));
  await page.waitForFunction(() =>
    Array.from(document.images).every((image) => image.complete && image.naturalWidth > 0),
  );
  return page;
}

/** The stored account is the portal's (its code is the portal secret's), and the page did swap. */
async function expectPortalAccount(page: Page, scan: LastScan, portal: Portal): Promise<void> {
  const { eb } = browser;
  expect(scan).toMatchObject({ status: 'added', names: [`Echt Portaal: ${portal.label}`] });
  const now = Date.now();
  const account = (await popupAccounts(eb)).find((a) => a.id === addedIds(scan)[0]);
  expect(expectedCodes(portal.secret, now)).toContain(account?.code);
  // The page did notice the end of the scan and swapped: only too late to change the capture.
  await page.waitForFunction(() => (window as unknown as { swaps: string[] }).swaps.length > 0);
}

test('a page that swaps the QR code when the overlay leaves cannot change what is stored', async () => {
  const { eb } = browser;
  const page = await openHostilePage('/swap-drag', PORTAL.drag);
  try {
    await expectPortalAccount(page, await scanQr(eb, page, '#qr', { margin: 12 }), PORTAL.drag);
  } finally {
    await page.close();
  }
});

test('the same holds for Enter (the whole visible page)', async () => {
  const { eb } = browser;
  const page = await openHostilePage('/swap-enter', PORTAL.enter);
  try {
    const before = await scanCount(eb);
    await startOverlay(eb, page);
    await page.keyboard.press('Enter');
    const scan = await waitForScan(eb, before);
    await closeReportPopup(eb);
    await expectPortalAccount(page, scan, PORTAL.enter);
  } finally {
    await page.close();
  }
});
