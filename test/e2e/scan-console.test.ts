/**
 * SECURITY #26: no secret, code or otpauth URI in any console. Every console message of the page
 * (the overlay runs in it), the service worker and the popup the worker opens is collected while
 * accounts are scanned, and one defective code is scanned too (errors are where leaks hide).
 */
import type { ConsoleMessage, Target } from 'puppeteer-core';
import QRCode from 'qrcode';
import { expect, test } from 'vitest';
import { pageOf } from '../support/extension-browser';
import { useScanBrowser } from '../support/scan-browser';
import { expectedCodes, scanQr } from '../support/scan-driver';

const browser = useScanBrowser({ args: ['--window-size=1280,1000'] });

const SECRET = 'KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF';
const ISSUER = 'Logboek Portaal';
const LABEL = 'geheim.account';
const GOOD = `otpauth://totp/${encodeURIComponent(ISSUER)}:${LABEL}?secret=${SECRET}&issuer=${encodeURIComponent(ISSUER)}`;
// A defective code (5 digits) that still carries the secret: its error must not print it.
const BAD = `otpauth://totp/Logboek:fout?secret=${SECRET}&digits=5`;

test('scanning logs no secret, code, otpauth URI or account name in any console', async () => {
  const { eb, pages } = browser;
  const logged: string[] = [];
  const record = (message: ConsoleMessage) => logged.push(`${message.type()}: ${message.text()}`);
  const listen = async (target: Target) => {
    if (target.type() === 'service_worker') (await target.worker())?.on('console', record);
    else if (target.type() === 'page' || target.type() === 'other')
      (await pageOf(target)).on('console', record);
  };
  await Promise.all(eb.browser.targets().map((target) => listen(target).catch(() => undefined)));
  eb.browser.on('targetcreated', (target: Target) => void listen(target).catch(() => undefined));

  const page = await eb.browser.newPage();
  await page.setViewport(null);
  page.on('console', record);
  page.on('pageerror', (error) => logged.push(`pageerror: ${String(error)}`));
  for (const [path, text] of [
    ['/good', GOOD],
    ['/bad', BAD],
  ] as const) {
    const src = await QRCode.toDataURL(text, { scale: 4, margin: 4 });
    pages.set(
      path,
      `<!doctype html><body style="margin:0"><img id="qr" src="${src}" style="position:absolute;left:300px;top:120px"></body>`,
    );
    await page.goto(pages.url(path));
    await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);
    const scan = await scanQr(eb, page, '#qr');
    expect(scan.status).toBe(path === '/good' ? 'added' : 'invalid');
  }

  const everything = logged.join('\n');
  for (const secretish of [SECRET, 'otpauth:', ISSUER, LABEL, ...expectedCodes(SECRET, Date.now())]) {
    expect(everything).not.toContain(secretish);
  }
});
