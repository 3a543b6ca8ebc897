/**
 * A scan that completes while the vault is locked (issue 11): the vault locks while the user
 * drags (here the screen lock, simulated through chrome.idle). What the scan read is not lost: it
 * is held in chrome.storage.session, the popup asks to unlock "to store the scanned QR code", and
 * the unlock stores it and reports it like any scan.
 */
import QRCode from 'qrcode';
import { expect, test } from 'vitest';
import { poll } from '../support/extension-browser';
import { setPassphrase } from '../support/lock-driver';
import { useScanBrowser } from '../support/scan-browser';
import {
  closeReportPopup,
  expectedCodes,
  openActionPopup,
  popupAccountSites,
  popupAccounts,
  scanCount,
  scanQr,
  waitForScan,
} from '../support/scan-driver';

const browser = useScanBrowser({ args: ['--window-size=1280,1000'] });

const SECRET = 'KRUGS4ZANFZSAYJAMFZXSZLNMVXHIZLSMVXA';
const PASSPHRASE = 'paarse olifant achter de balie';

test('a scan read while the vault locked mid-drag is kept, and stored at the next unlock', async () => {
  const { eb, pages } = browser;
  const uri = `otpauth://totp/Demo%20Portaal:vergrendeld?secret=${SECRET}&issuer=Demo%20Portaal`;
  pages.set(
    '/locked',
    `<!doctype html><body style="margin:0"><img id="qr" src="${await QRCode.toDataURL(uri, { scale: 4 })}" style="position:absolute;left:300px;top:120px"></body>`,
  );
  await setPassphrase(eb, PASSPHRASE);
  const page = await eb.browser.newPage();
  await page.setViewport(null);
  await page.goto(pages.url('/locked'));
  await page.waitForFunction(() => (document.getElementById('qr') as HTMLImageElement).complete);

  const held = await scanQr(eb, page, '#qr', {
    margin: 12,
    // The screen locks while the overlay is up: the drag ends on a locked vault.
    beforeDrag: async () => {
      const worker = await eb.worker();
      // Strings: this test's tsconfig has no chrome types. Open until now: the session key is there.
      const sessionKey = async () =>
        JSON.stringify(await worker.evaluate(`chrome.storage.session.get('vault.session')`)) !== '{}';
      expect(await sessionKey()).toBe(true);
      await worker.evaluate(`chrome.idle.onStateChanged.dispatch('locked')`);
      // The listener reads the settings first: the vault is locked once its session key is gone.
      await poll(async () => ((await sessionKey()) ? undefined : true), { what: 'the vault to lock' });
      await page.bringToFront();
    },
  });
  expect(held).toEqual({ status: 'held', count: 1, foundOutsideSelection: false, at: expect.any(Number) });
  // Kept for the unlock in session storage (trusted contexts only), nowhere the locked popup reads.
  const worker = await eb.worker();
  expect(JSON.stringify(await worker.evaluate(`chrome.storage.session.get('lock.heldScans')`))).toContain(
    SECRET,
  );

  // The locked popup says why it asks; unlocking stores the account and reports it.
  const before = await scanCount(eb);
  const popup = await openActionPopup(eb, page);
  await popup.waitForSelector('[data-testid="unlock"] input[name="passphrase"]');
  const reason = await popup.$eval('[data-testid="unlock"] p', (p) => p.textContent);
  expect(reason).toBe(await popup.evaluate(`chrome.i18n.getMessage('unlockForScanResult')`));
  expect(await popup.evaluate(() => document.documentElement.outerHTML)).not.toContain('vergrendeld');
  await popup.type('input[name="passphrase"]', PASSPHRASE);
  await popup.click('[data-testid="unlock-submit"]');
  const stored = await waitForScan(eb, before);
  expect(stored).toMatchObject({ status: 'added', names: ['Demo Portaal: vergrendeld'] });
  await closeReportPopup(eb);
  expect(
    await worker.evaluate(`chrome.storage.session.get(['lock.heldScans', 'lock.heldScanCount'])`),
  ).toEqual({});

  const now = Date.now();
  const [account] = await popupAccounts(eb, 1);
  expect(account?.id).toBe(stored.status === 'added' ? stored.ids[0] : '');
  expect(account?.details).toContain('vergrendeld');
  expect(expectedCodes(SECRET, now)).toContain(account?.code);

  // It has the site of the page it was scanned on, as a scan stored at once has.
  expect(await popupAccountSites(eb, account?.id ?? '')).toContain(new URL(pages.url('/locked')).origin);
}, 90_000);
