/**
 * The portal's script (verifier-server/views/portal-script.ts) in Chromium. Staff double-click
 * buttons; on a real network the first answer is still on its way at the second click, and the
 * browser shows the second answer. Here a proxy in front of the verifier holds the answers to
 * POST /login/code for 400 ms, as a slow connection would. Without the script the second click
 * sends the code again with the old session cookie: the first request logged in (and spent the
 * code), the second finds no session, and the user lands on /login.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { addUserWithCli, DUTCH_BROWSER, freshUser, Portal, sleep } from '../support/portal-driver';
import {
  codeAt,
  currentStep,
  enrollOverHttp,
  newVerifierKey,
  startVerifier,
  type TempDatabase,
  tempDatabase,
  type VerifierProcess,
} from '../support/verifier-process';

let db: TempDatabase;
let verifier: VerifierProcess;
let proxy: Server;
let proxyUrl: string;
let eb: ExtensionBrowser;
let page: Page;
/** The POSTs to /login/code that reached the verifier. */
let codePosts = 0;

beforeAll(async () => {
  db = tempDatabase();
  const key = newVerifierKey();
  verifier = await startVerifier({ databasePath: db.path, key });
  proxy = createServer((incoming, outgoing) => {
    const slow = incoming.method === 'POST' && incoming.url === '/login/code';
    if (slow) codePosts += 1;
    const upstream = request(
      new URL(incoming.url ?? '/', verifier.url),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        const send = () => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
          answer.pipe(outgoing);
        };
        if (slow) setTimeout(send, 400);
        else send();
      },
    );
    upstream.on('error', () => outgoing.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const user = freshUser('dubbelklik');
  await addUserWithCli({ databasePath: db.path, key }, user);
  const enrolled = await enrollOverHttp(verifier.url, user);
  eb = await launchWithExtension(DUTCH_BROWSER);
  page = await eb.browser.newPage();
  const portal = new Portal(page, proxyUrl);
  expect((await portal.submitPassword(user)).path).toBe('/login/code');
  // A step after the one enrollment used (the replay guard refuses that one); the next is in the window.
  const step = Math.max(currentStep(), enrolled.step + 1);
  await portal.fill('#code', codeAt(enrolled.secret, step));
});

afterAll(async () => {
  await eb?.close();
  await new Promise((resolve) => proxy?.close(resolve));
  await verifier?.stop();
  db?.remove();
});

test('a double click on "Inloggen" on a slow connection sends the code once and logs in', async () => {
  const button = await page.$('form[action="/login/code"] button[type="submit"]:not([form])');
  const box = await button?.boundingBox();
  if (!box) throw new Error('no "Inloggen" button');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await sleep(120);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  // A second POST, had the script let one through, would have left 120 ms after the first.
  await sleep(1_500);
  // The first answer is held 400 ms, then /account loads: slow on a busy machine. Wait for the
  // page to land (on /account, or anywhere else: /login without the script), then say where.
  await page
    .waitForFunction(() => location.pathname !== '/login/code' && document.readyState === 'complete', {
      timeout: 20_000,
    })
    .catch(() => undefined);
  expect(new URL(page.url()).pathname).toBe('/account');
  expect(codePosts).toBe(1);
});

test('Escape closes the user menu and puts the focus back on its button', async () => {
  await page.click('details.menu > summary');
  expect(await page.$eval('details.menu', (el) => (el as HTMLDetailsElement).open)).toBe(true);
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Mijn gegevens');
  await page.keyboard.press('Escape');
  expect(await page.$eval('details.menu', (el) => (el as HTMLDetailsElement).open)).toBe(false);
  expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
});
