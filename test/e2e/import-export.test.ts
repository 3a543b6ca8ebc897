/**
 * Issue 10 in real Chromium: a backup file of the Authenticator extension imported through the
 * options page (file input, passphrase, preview, confirm) gives the right codes in the popup; our
 * encrypted backup of those accounts, downloaded from the page and restored into a fresh profile,
 * gives identical codes there.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'puppeteer-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { migrationBatches } from '../../extension/backup';
import { type ExtensionBrowser, launchWithExtension } from '../support/extension-browser';
import { DUTCH_BROWSER, sleep } from '../support/portal-driver';
import { referenceHotp, referenceTotp } from '../support/reference-otp';
import {
  ACCOUNTS,
  authenticatorV3,
  type FixtureAccount,
  manyDrafts,
} from '../unit/extension/import/import-fixtures';

const OPTIONS_PATH = 'extension/options/index.html';
const SOURCE_PASSPHRASE = 'wachtwoord van de oude extensie';
const BACKUP_PASSPHRASE = 'Onze back-up voor de nieuwe pc, 2026';

const dir = mkdtempSync(join(tmpdir(), 'import-e2e-'));
let first: ExtensionBrowser;
let second: ExtensionBrowser | undefined;

beforeAll(async () => {
  first = await launchWithExtension(DUTCH_BROWSER);
});

afterAll(async () => {
  await first?.close();
  await second?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function openOptions(eb: ExtensionBrowser): Promise<Page> {
  const page = await eb.browser.newPage();
  await page.goto(`chrome-extension://${eb.extensionId}/${OPTIONS_PATH}`);
  await page.waitForSelector('[data-testid="import-file"]');
  return page;
}

/** Chooses `path` in the page's file input, unlocks it with `passphrase`, confirms the preview. */
async function importFile(page: Page, path: string, passphrase: string, expected: number): Promise<string> {
  const input = await page.waitForSelector('input[type=file][data-testid=import-file]');
  await input?.uploadFile(path);
  await page.waitForSelector('input[name=passphrase]');
  await page.type('input[name=passphrase]', passphrase);
  await page.click('[data-testid=import-unlock]');
  await page.waitForSelector('[data-testid=import-preview]', { timeout: 30_000 });
  expect(
    await page.$$eval('[data-testid=import-preview] [data-testid=import-item]', (rows) => rows.length),
  ).toBe(expected);
  await page.click('[data-testid=import-confirm]');
  const report = await page.waitForSelector('[data-testid=import-report]');
  return (await report?.evaluate((el) => el.textContent ?? '')) ?? '';
}

/** A popup's rows: shown name → current code. */
async function shownCodes(popup: Page): Promise<Map<string, string>> {
  const rows = await popup.$$eval('[data-testid="account"]', (elements) =>
    elements.map((el) => [
      el.querySelector('[data-testid="account-name"]')?.textContent ?? '',
      (el.querySelector('[data-testid="code"]')?.textContent ?? '').replace(/\D/g, ''),
    ]),
  );
  return new Map(rows as [string, string][]);
}

const sameCodes = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) =>
  a.size === b.size && [...a].every(([name, code]) => b.get(name) === code);

/**
 * The codes each browser's popup shows once all `ACCOUNTS.length` rows are there, and the
 * reference codes of the same moment. A 30 s step can begin between the popup's tick and the
 * reference (or between two browsers' popups), so the popups are read again, for up to 15 s,
 * until they agree with the reference computed around the read; then (or at the deadline) the
 * last read and its reference are returned for the test's assertions.
 */
async function popupCodes(
  browsers: readonly ExtensionBrowser[],
): Promise<{ shown: Map<string, string>[]; expected: Map<string, string> }> {
  const popups = await Promise.all(browsers.map((eb) => eb.openPopupTab()));
  try {
    for (const popup of popups) {
      await popup.waitForFunction(
        (n) => document.querySelectorAll('[data-testid="account"] [data-testid="code"]').length === n,
        {},
        ACCOUNTS.length,
      );
    }
    const deadline = Date.now() + 15_000;
    for (;;) {
      const expected = expectedCodes(ACCOUNTS);
      const shown = await Promise.all(popups.map(shownCodes));
      const oneStep = sameCodes(expectedCodes(ACCOUNTS), expected);
      if ((oneStep && shown.every((codes) => sameCodes(codes, expected))) || Date.now() > deadline)
        return { shown, expected };
      await sleep(200);
    }
  } finally {
    for (const popup of popups) await popup.close();
  }
}

function expectedCodes(accounts: readonly FixtureAccount[], now = Date.now()): Map<string, string> {
  return new Map(
    accounts.map((a) => [
      a.issuer,
      a.type === 'totp'
        ? referenceTotp(a.secret, now, a.algorithm, a.digits, a.period)
        : referenceHotp(a.secret, a.counter, a.algorithm, a.digits),
    ]),
  );
}

describe('import and export through the options page', () => {
  let backupPath: string;

  test('an encrypted Authenticator-extension backup imported through the page gives the right codes in the popup', async () => {
    const path = join(dir, 'authenticator-backup.json');
    writeFileSync(path, JSON.stringify(await authenticatorV3(SOURCE_PASSPHRASE), null, 2));
    const page = await openOptions(first);
    const report = await importFile(page, path, SOURCE_PASSPHRASE, ACCOUNTS.length);
    // The browser's language decides nl or en; the number is what matters here.
    expect(report).toMatch(new RegExp(`\\b${ACCOUNTS.length} (geïmporteerd|imported)`));
    await page.close();
    const {
      shown: [inFirst],
      expected,
    } = await popupCodes([first]);
    expect(inFirst).toEqual(expected);
  });

  test('the same file again: every account is marked as already there and nothing is added', async () => {
    const page = await openOptions(first);
    const input = await page.waitForSelector('input[type=file][data-testid=import-file]');
    await input?.uploadFile(join(dir, 'authenticator-backup.json'));
    await page.waitForSelector('input[name=passphrase]');
    await page.type('input[name=passphrase]', 'fout');
    await page.click('[data-testid=import-unlock]');
    const error = await page.waitForSelector('[data-testid=import-error][role=alert]', { timeout: 30_000 });
    expect(await error?.evaluate((el) => el.textContent)).toMatch(
      /wachtwoord opent dit bestand niet|password does not open/,
    );
    // Retyped as a user would: select all, then type over it.
    await page.focus('input[name=passphrase]');
    await page.keyboard.down('Control');
    await page.keyboard.press('KeyA');
    await page.keyboard.up('Control');
    await page.type('input[name=passphrase]', SOURCE_PASSPHRASE);
    await page.click('[data-testid=import-unlock]');
    await page.waitForSelector('[data-testid=import-preview]', { timeout: 30_000 });
    const ticked = await page.$$eval('[data-testid=import-item] input[type=checkbox]', (boxes) =>
      boxes.map((box) => (box as HTMLInputElement).checked),
    );
    expect(ticked).toEqual(ACCOUNTS.map(() => false));
    expect(await page.$eval('[data-testid=import-confirm]', (el) => (el as HTMLButtonElement).disabled)).toBe(
      true,
    );
    await page.close();
  });

  test('to Google Authenticator: QR codes only after the warning, the 60 s account named as left out, gone on blur', async () => {
    const page = await openOptions(first);
    await page.click('[data-testid=export-google]');
    expect(await page.$('[data-testid=google-qr]')).toBeNull();
    await page.click('[data-testid=export-google-confirm]');
    await page.waitForSelector('[data-testid=google-qr]');
    expect(await page.$$eval('[data-testid=google-qr]', (images) => images.length)).toBe(1);
    expect(await page.$eval('main', (el) => el.textContent)).toContain('Zorgportaal (assistent)');
    await page.evaluate(() => window.dispatchEvent(new Event('blur')));
    await page.waitForFunction(() => document.querySelector('[data-testid=google-qr]') === null);
    await page.close();
  });

  test('a screenshot of a Google Authenticator export QR code (PNG) is decoded in the page and previewed', async () => {
    const drafts = manyDrafts(3);
    const [uri = ''] = migrationBatches(drafts).uris;
    const path = join(dir, 'google-export.png');
    writeFileSync(path, await QRCode.toBuffer(uri, { errorCorrectionLevel: 'M', width: 600 }));
    const page = await openOptions(first);
    const input = await page.waitForSelector('input[type=file][data-testid=import-file]');
    await input?.uploadFile(path);
    await page.waitForSelector('[data-testid=import-preview]');
    const issuers = await page.$$eval('[data-testid=import-item] td:nth-child(2)', (cells) =>
      cells.map((c) => c.textContent),
    );
    expect(issuers).toEqual(drafts.map((d) => d.issuer));
    await page.close();
  });

  test('the encrypted backup downloaded from the page restores into a fresh profile with identical codes', async () => {
    const page = await openOptions(first);
    const downloads = join(dir, 'downloads');
    mkdirSync(downloads);
    const cdp = await first.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('[data-testid=export-backup]');
    await page.type('input[name=export-passphrase]', BACKUP_PASSPHRASE);
    await page.type('input[name=export-passphrase-confirm]', BACKUP_PASSPHRASE);
    await page.click('[data-testid=export-confirm]');
    const deadline = Date.now() + 30_000;
    let files: string[] = [];
    while (Date.now() < deadline) {
      files = readdirSync(downloads, { withFileTypes: true }).flatMap((f) =>
        f.name.endsWith('.json') ? [f.name] : [],
      );
      if (files.length > 0) break;
      await sleep(200);
    }
    expect(files).toHaveLength(1);
    backupPath = join(downloads, files[0] ?? '');
    const backup = readFileSync(backupPath, 'utf8');
    expect(JSON.parse(backup)).toMatchObject({ format: 'totp-authenticator-backup', version: 1 });
    for (const account of ACCOUNTS) expect(backup).not.toContain(account.issuer);
    await page.close();

    second = await launchWithExtension(DUTCH_BROWSER);
    const restorePage = await openOptions(second);
    expect(await importFile(restorePage, backupPath, BACKUP_PASSPHRASE, ACCOUNTS.length)).toMatch(
      new RegExp(`\\b${ACCOUNTS.length} (geïmporteerd|imported)`),
    );
    await restorePage.close();
    const {
      shown: [codesInSecond, codesAgainInFirst],
      expected,
    } = await popupCodes([second, first]);
    expect(codesInSecond).toEqual(codesAgainInFirst);
    expect(codesInSecond).toEqual(expected);
  });
});
