/**
 * Issue 4: an MV3 service worker may be stopped while the user drags. The scan must still complete,
 * because the worker keeps no state between the scan-start and scan-selection messages.
 */
import QRCode from 'qrcode';
import { expect, test } from 'vitest';
import { poll } from '../support/extension-browser';
import { useScanBrowser } from '../support/scan-browser';
import { addedIds, expectedCodes, inWorker, popupAccounts, scanQr } from '../support/scan-driver';

const browser = useScanBrowser({ args: ['--window-size=1280,1000'] });

const SECRET = 'KRUGS4ZANFZSAYJAO5XXE23FOIQHEZLT';

test('a worker stopped between the overlay and the drag does not lose the scan', async () => {
  const { eb, pages } = browser;
  const uri = `otpauth://totp/Demo%20Portaal:herstart?secret=${SECRET}&issuer=Demo%20Portaal`;
  pages.set(
    '/restart',
    `<!doctype html><body style="margin:0"><img id="qr" src="${await QRCode.toDataURL(uri, { scale: 4 })}" style="position:absolute;left:300px;top:120px"></body>`,
  );
  const page = await eb.browser.newPage();
  await page.setViewport(null);
  await page.goto(pages.url('/restart'));
  await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);
  // A marker in the worker's global scope: gone once the worker has really been replaced.
  await inWorker(eb, () => {
    (globalThis as { restartMarker?: boolean }).restartMarker = true;
  });

  let stoppedUrl = '';
  const scan = await scanQr(eb, page, '#qr', {
    margin: 12,
    beforeDrag: async () => {
      const worker = await eb.worker();
      stoppedUrl = worker.url();
      await worker.close();
      await poll(
        async () => (eb.browser.targets().some((t) => t.type() === 'service_worker') ? undefined : true),
        { timeout: 10_000, what: 'the service worker to stop' },
      );
    },
  });
  expect(stoppedUrl).toContain(eb.extensionId);
  expect(scan).toMatchObject({ status: 'added', names: ['Demo Portaal: herstart'] });
  // The scan ran in a fresh worker.
  expect(await inWorker(eb, () => (globalThis as { restartMarker?: boolean }).restartMarker ?? false)).toBe(
    false,
  );
  const now = Date.now();
  const [account] = await popupAccounts(eb, 1);
  expect(account?.id).toBe(addedIds(scan)[0]);
  expect(expectedCodes(SECRET, now)).toContain(account?.code);
});
