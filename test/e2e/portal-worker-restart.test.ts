/**
 * Issue 5, item 7: the extension's service worker is stopped in the middle of a flow (the worker
 * target's close(), as Chrome does to an idle MV3 worker): after the scan button was clicked and
 * before the drag. The scan still completes, the enrollment succeeds and no account is lost.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { EXTENSION_ID } from '../../manifest.config';
import type { ExtensionBrowser } from '../support/extension-browser';
import {
  addUserWithCli,
  closePopup,
  currentPopupCode,
  freshUser,
  openPopup,
  type Portal,
  type PortalSession,
  scanWithExtension,
  startPortalSession,
  waitFor,
} from '../support/portal-driver';
import type { TempDatabase } from '../support/verifier-process';

let db: TempDatabase;
let key: string;
let eb: ExtensionBrowser;
let page: Page;
let portal: Portal;

let session: PortalSession | undefined;

beforeAll(async () => {
  session = await startPortalSession();
  ({ db, key, eb, page, portal } = session);
});

afterAll(async () => {
  await session?.close();
});

const workerRunning = () =>
  eb.browser
    .targets()
    .some((t) => t.type() === 'service_worker' && t.url().startsWith(`chrome-extension://${EXTENSION_ID}/`));

/** Stops the service worker the way Chrome stops an idle one, and waits until it is gone. */
async function stopWorker(): Promise<void> {
  const worker = await eb.worker();
  // A mark in this instance's globals: a restarted worker does not have it.
  await worker.evaluate(() => {
    (globalThis as { e2eMark?: boolean }).e2eMark = true;
  });
  await worker.close();
  await waitFor('the service worker to stop', async () => !workerRunning());
}

test('7. the service worker stopped between "scan" and the drag: the enrollment completes and nothing is lost', async () => {
  const user = freshUser('werker');
  await addUserWithCli({ databasePath: db.path, key }, user);
  await portal.loginByEmail(user);

  // An account that is already there before the interrupted flow.
  const firstSecret = await portal.startEnrollment('Chrome plugin', user.password);
  const first = await scanWithExtension(eb, page);
  expect(first.status).toBe('added');
  let popup = await openPopup(eb, page);
  expect(
    (await portal.confirmEnrollment((await currentPopupCode(popup, first.ids[0] ?? '', firstSecret)).code))
      .path,
  ).toBe('/account');
  await closePopup(eb, popup);

  // The flow under test: scan clicked, overlay open, worker stopped, then the drag.
  const secret = await portal.startEnrollment('Chrome plugin na herstart', user.password);
  const scan = await scanWithExtension(eb, page, '#qr-code', { beforeDrag: stopWorker });
  expect(scan.status).toBe('added');
  const accountId = scan.ids[0] ?? '';
  // A new worker instance handled the selection.
  expect(await (await eb.worker()).evaluate(() => 'e2eMark' in globalThis)).toBe(false);

  // Stopped again before the popup reads the vault: the accounts live in storage, not in the worker.
  await closePopup(eb, await openPopup(eb, page));
  await stopWorker();
  popup = await openPopup(eb, page);
  // The rows come after the vault is read, a render after the popup's first.
  await popup.waitForFunction(() => document.querySelectorAll('[data-testid="account"]').length >= 2);
  const ids = await popup.$$eval('[data-testid="account"]', (rows) =>
    rows.map((r) => r.getAttribute('data-id')),
  );
  expect(ids).toEqual([first.ids[0], accountId]);
  const shown = await currentPopupCode(popup, accountId, secret);
  await closePopup(eb, popup);

  expect((await portal.confirmEnrollment(shown.code)).path).toBe('/account');
  expect(await portal.authenticatorNames()).toEqual(['Chrome plugin', 'Chrome plugin na herstart']);
});
