/**
 * SECURITY #33: a QR code shown by a frame of another site is not the page's. A page that frames
 * another site's enrollment step (a frameable portal) must not become that account's website, or a
 * later fill there would go without the question. Real Chromium: a page on 127.0.0.1 frames a page
 * on localhost (another origin, the same test server); the drag-select overlay sees the frame.
 */
import QRCode from 'qrcode';
import { expect, test } from 'vitest';
import { useScanBrowser } from '../support/scan-browser';
import { addedIds, popupAccountSites, scanQr } from '../support/scan-driver';

const browser = useScanBrowser({ args: ['--window-size=1280,1000'] });

const uri = (label: string, secret: string) =>
  `otpauth://totp/Ingelijst%20Portaal:${label}?secret=${secret}&issuer=Ingelijst%20Portaal`;
const img = async (id: string, text: string, style: string) =>
  `<img id="${id}" src="${await QRCode.toDataURL(text, { scale: 4, margin: 4 })}" style="${style}">`;

test('a code shown by another site in a frame is stored without the page as its website; one of the page itself with it', async () => {
  const { eb, pages } = browser;
  pages.set(
    '/framed-inner',
    '<!doctype html><html lang="nl"><meta charset="utf-8"><body style="margin:0">' +
      (await img('qr', uri('frame', 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'), 'display:block')) +
      '</body></html>',
  );
  // The same server under another host name: another origin.
  const inner = pages.url('/framed-inner').replace('127.0.0.1', 'localhost');
  pages.set(
    '/framed-outer',
    '<!doctype html><html lang="nl"><meta charset="utf-8"><title>Portaal</title><body style="margin:0">' +
      '<h1 style="margin:16px">Scan de code</h1>' +
      `<iframe id="frame" src="${inner}" style="position:absolute;left:40px;top:120px;width:260px;height:260px;border:0"></iframe>` +
      (await img(
        'own',
        uri('pagina', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'),
        'position:absolute;left:600px;top:120px',
      )) +
      '</body></html>',
  );
  const page = await eb.browser.newPage();
  try {
    await page.setViewport(null);
    await page.goto(pages.url('/framed-outer'));
    const frame = await (await page.waitForSelector('#frame'))?.contentFrame();
    await frame?.waitForFunction(() => document.images[0]?.complete === true);
    await page.waitForFunction(() => Array.from(document.images).every((image) => image.complete));
    const origin = new URL(pages.url('/framed-outer')).origin;

    const framed = await scanQr(eb, page, '#frame', { margin: 12 });
    expect(framed).toMatchObject({ status: 'added', names: ['Ingelijst Portaal: frame'] });
    expect(await popupAccountSites(eb, addedIds(framed)[0] ?? '')).not.toContain(origin);

    // The page's own code, on the same page: stored with the page as its website.
    const own = await scanQr(eb, page, '#own', { margin: 12 });
    expect(own).toMatchObject({ status: 'added', names: ['Ingelijst Portaal: pagina'] });
    expect(await popupAccountSites(eb, addedIds(own)[0] ?? '')).toContain(origin);
  } finally {
    await page.close();
  }
}, 90_000);
