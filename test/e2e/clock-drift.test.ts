/**
 * The clock check against the verifier run with a shifted clock (VERIFIER_CLOCK_OFFSET_SECONDS):
 * the real toolbar popup reads the portal's Date header through activeTab + scripting, warns how
 * far off the clock is, corrects the codes only on the user's click, shows the correction and
 * undoes it.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { expectedCodes } from '../support/scan-driver';
import {
  newVerifierKey,
  startVerifier,
  type TempDatabase,
  tempDatabase,
  type VerifierProcess,
} from '../support/verifier-process';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const OFFSET_S = -90; // the server's clock is 90 s behind: ours is 90 s ahead of it

/** The first row's code, digits only. */
const codeOf = (page: Page) =>
  page.$eval('[data-testid="code"]', (el) => (el.textContent ?? '').replace(/\D/g, ''));

/** Waits until the first row shows one of `codes()` (read again while waiting: steps roll over). */
async function showsOneOf(page: Page, codes: () => string[]): Promise<void> {
  await page.waitForSelector('[data-testid="code"]');
  const deadline = Date.now() + 10_000;
  while (!codes().includes(await codeOf(page))) {
    if (Date.now() > deadline) expect(codes()).toContain(await codeOf(page));
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Resolves once the popup's next clock check has read the portal's Date header (a HEAD to the
 * portal's root, from the portal's tab) and has had a moment to show what it makes of it: before
 * that, no warning proves nothing. Start it before what makes the popup check. Rejects after 15 s
 * without such a request: a "no warning" after no check would pass whatever the popup does.
 */
function clockChecked(portal: Page): Promise<void> {
  return portal
    .waitForResponse((r) => r.request().method() === 'HEAD' && new URL(r.url()).pathname === '/', {
      timeout: 15_000,
    })
    .then(() => new Promise<void>((resolve) => setTimeout(resolve, 500)));
}

let db: TempDatabase;
let verifier: VerifierProcess;
let eb: ExtensionBrowser;

beforeAll(async () => {
  db = tempDatabase();
  verifier = await startVerifier({
    databasePath: db.path,
    key: newVerifierKey(),
    extra: { VERIFIER_CLOCK_OFFSET_SECONDS: String(OFFSET_S) },
  });
  eb = await launchWithExtension();
});

afterAll(async () => {
  await eb?.close();
  await verifier?.stop();
  db?.remove();
});

test('warns about a clock 90 s off the portal’s, corrects the codes only when asked, and undoes it', async () => {
  const portal = await eb.browser.newPage();
  await portal.goto(`${verifier.url}/login`);
  const first = await eb.clickToolbar(portal);
  const warning = await first.waitForSelector('[data-testid="clock-drift"]', { timeout: 15_000 });
  expect(await warning?.evaluate((el) => el.textContent)).toMatch(/\b(89|90|91)\b/);
  expect(await warning?.evaluate((el) => el.textContent)).toContain('127.0.0.1');

  // Not corrected silently: the codes follow this computer's clock until the click.
  await first.click('[data-testid="add-manual"]');
  await first.type('input[name="secret"]', SECRET);
  await first.type('input[name="issuer"]', 'Demo Portaal');
  await first.click('[data-testid="save"]');
  await showsOneOf(first, () => expectedCodes(SECRET, Date.now()));
  await first.close();

  // A typed account has no website: while no account has one, the portal's clock is the best there
  // is, and a correction moves the accounts without a website.
  const popup = await eb.clickToolbar(portal);
  const offer = await popup.waitForSelector('[data-testid="clock-correct"]', { timeout: 15_000 });
  expect(await offer?.evaluate((el) => el.textContent)).toMatch(/zonder website|without a website/);
  await showsOneOf(popup, () => expectedCodes(SECRET, Date.now()));
  // The correction makes the popup check the clock again, against the corrected codes.
  const rechecked = clockChecked(portal);
  await popup.click('[data-testid="clock-correct"]');
  const notice = await popup.waitForSelector('[data-testid="clock-correction"]');
  expect(await notice?.evaluate((el) => el.textContent)).toContain('127.0.0.1');
  expect(await notice?.evaluate((el) => el.textContent)).toMatch(/zonder website|without a website/);
  await rechecked;
  expect(await popup.$('[data-testid="clock-drift"]')).toBeNull();
  // Corrected: the codes follow the portal's clock (an independent TOTP at now + offset), not ours.
  const shifted = () => expectedCodes(SECRET, Date.now() + OFFSET_S * 1000);
  await showsOneOf(popup, shifted);
  expect(expectedCodes(SECRET, Date.now())).not.toContain(await codeOf(popup));
  await popup.close();

  // Stored and shown on the next opening, with no new warning; undo brings the warning back.
  const checkedAgain = clockChecked(portal);
  const again = await eb.clickToolbar(portal);
  await again.waitForSelector('[data-testid="clock-correction"]');
  await showsOneOf(again, shifted);
  await checkedAgain;
  expect(await again.$('[data-testid="clock-drift"]')).toBeNull();
  await again.click('[data-testid="clock-undo"]');
  await again.waitForFunction(() => document.querySelector('[data-testid="clock-correction"]') === null);
  // Undone: this computer's clock again.
  await showsOneOf(again, () => expectedCodes(SECRET, Date.now()));
  expect(shifted()).not.toContain(await codeOf(again));
  await again.close();
  const third = await eb.clickToolbar(portal);
  await third.waitForSelector('[data-testid="clock-drift"]', { timeout: 15_000 });
  // The portal becomes the account's website (its row menu, "Websites"): from now on only the
  // portal's own clock may move its codes, and the offer says so.
  await third.click('[data-testid="actions"]');
  await third.click('[data-testid="edit-sites"]');
  await third.type('#site-input', verifier.url);
  await third.keyboard.press('Enter');
  await third.waitForSelector(`[data-testid="account-origins"] li[data-origin="${verifier.url}"]`);
  await third.close();
  const fourth = await eb.clickToolbar(portal);
  const siteOffer = await fourth.waitForSelector('[data-testid="clock-correct"]', { timeout: 15_000 });
  expect(await siteOffer?.evaluate((el) => el.textContent)).not.toMatch(/zonder website|without a website/);
  await fourth.click('[data-testid="clock-correct"]');
  const siteNotice = await fourth.waitForSelector('[data-testid="clock-correction"]');
  expect(await siteNotice?.evaluate((el) => el.textContent)).not.toMatch(/zonder website|without a website/);
  await showsOneOf(fourth, shifted);
  await fourth.close();
}, 90_000);
