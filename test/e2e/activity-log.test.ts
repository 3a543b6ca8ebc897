/**
 * The activity log in real Chromium: what the popup, the options page and the worker each record
 * (a manual add, the passphrase, the lock button, a wrong and a right passphrase, a website added
 * and removed in the sites editor, a deletion, an idle lock) shows on the options page, newest
 * first (in the browser's language: English in the headless test browser; the Dutch texts are
 * unit-tested); and the log holds no account name, website, secret or passphrase.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, describe, expect, test } from 'vitest';
import { type ExtensionBrowser, launchWithExtension, poll } from '../support/extension-browser';
import { addAccountByHand, setPassphrase } from '../support/lock-driver';

const SECRET = 'KRUGS4ZANFZSAYJAONSWG4TFOQQGC3TEEBZWK3DEN5WSAZLOMNXWIZLE';
const ISSUER = 'Logboek Portaal 5520';
const LABEL = 'balie5520';
const PASSPHRASE = 'groene giraf naast de receptie';
const SITE = 'https://logboek5520.example.nl';

let eb: ExtensionBrowser | undefined;
afterAll(async () => {
  await eb?.close();
});

async function unlock(popup: Page, passphrase: string, outcome: 'wrong' | 'unlocked'): Promise<void> {
  await popup.waitForSelector('input[name="passphrase"]:not([readonly])', { timeout: 10_000 });
  await popup.type('input[name="passphrase"]', passphrase);
  await popup.keyboard.press('Enter');
  if (outcome === 'wrong')
    await popup.waitForSelector('[data-testid="unlock-message"][data-status="wrong"]', { timeout: 15_000 });
  else
    await popup.waitForFunction(() => document.querySelector('input[name="passphrase"]') === null, {
      timeout: 15_000,
    });
}

describe('the activity log', () => {
  test('records what happened in the popup, the options page and the worker; the options page shows it', async () => {
    eb = await launchWithExtension();
    const popup = await eb.openPopupTab();
    await addAccountByHand(popup, { secret: SECRET, issuer: ISSUER, label: LABEL });
    await popup.close();
    await setPassphrase(eb, PASSPHRASE);

    // The lock button (recorded by the worker, which sees the session key go), a wrong and a
    // right passphrase, a deletion.
    const open = await eb.openPopupTab();
    await open.waitForSelector('[data-testid="account"]');
    await open.click('[data-testid="lock"]');
    await unlock(open, 'niet de goede zin', 'wrong');
    await open.$eval('input[name="passphrase"]', (input) => {
      (input as HTMLInputElement).value = '';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await unlock(open, PASSPHRASE, 'unlocked');
    await open.waitForSelector('[data-testid="account"]');
    // A website added to the account and removed again in its sites editor.
    await open.click('[data-testid="actions"]');
    await open.click('[data-testid="edit-sites"]');
    await open.type('#site-input', SITE);
    await open.keyboard.press('Enter');
    const site = `[data-testid="account-origins"] li[data-origin="${SITE}"]`;
    await (await open.waitForSelector(`${site} button`))?.click();
    await open.waitForFunction((selector) => document.querySelector(selector) === null, {}, site);
    await open.keyboard.press('Escape');
    await (await open.waitForSelector('[data-testid="account"] .row-copy'))?.focus();
    await open.keyboard.press('Delete');
    await open.click('[data-testid="confirm-delete"]');
    await open.waitForFunction(() => document.querySelector('[data-testid="account"]') === null);

    // Idle locks (chrome.idle, simulated): the worker records why.
    const worker = await eb.worker();
    await worker.evaluate(`chrome.idle.onStateChanged.dispatch('idle')`);
    await unlock(open, PASSPHRASE, 'unlocked');
    await open.close();

    const options = await eb.browser.newPage();
    await options.goto(`chrome-extension://${eb.extensionId}/extension/options/index.html#activity`);
    await options.waitForSelector('[data-testid="activity-entry"]', { timeout: 15_000 });
    const texts = () =>
      options.$$eval('[data-testid="activity-entry"] td:nth-child(2)', (cells) =>
        cells.map((cell) => cell.textContent),
      );
    const expected = [
      'Unlocked with the passphrase',
      'Locked after a time without activity',
      'Account deleted',
      'Website removed from an account',
      'Website added to an account',
      'Unlocked with the passphrase',
      'Wrong passphrase entered',
      'Locked',
      'Passphrase set',
      'Account added manually',
    ];
    // The worker writes its entries on its own time: wait for them all (a short wait that ends
    // with the assertion below saying what is missing).
    await poll(async () => ((await texts()).length === expected.length ? true : undefined)).catch(
      () => undefined,
    );
    expect(await texts()).toEqual(expected);
    expect(await options.$eval('#activity-heading', (h) => h.textContent)).toBe('Activity on this computer');
    // Opened at #activity: once its entries are in, the section is at the top of the window, or
    // the page is scrolled as far as it goes (the entries came after the page was drawn).
    await options.waitForFunction(
      () => {
        const top = document.getElementById('activity')?.getBoundingClientRect().top ?? Number.NaN;
        const atEnd = window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2;
        return Math.abs(top) <= 2 || (top > 0 && atEnd);
      },
      // The entries are read, drawn and scrolled to asynchronously: seconds on a loaded machine.
      { timeout: 15_000 },
    );
    expect(await options.evaluate(() => window.scrollY)).toBeGreaterThan(0);

    // Nothing in the log's database names the account or its website, or holds the secret or the
    // passphrase.
    const stored = await options.evaluate(
      () =>
        new Promise<string>((resolve, reject) => {
          const request = indexedDB.open('totp-activity');
          request.onerror = () => reject(request.error);
          request.onsuccess = () => {
            const read = request.result.transaction('entries').objectStore('entries').getAll();
            read.onsuccess = () => resolve(JSON.stringify(read.result));
            read.onerror = () => reject(read.error);
          };
        }),
    );
    expect(stored).toContain('account-removed');
    for (const secret of [ISSUER, LABEL, 'logboek5520', SECRET, PASSPHRASE, 'niet de goede zin'])
      expect(stored).not.toContain(secret);
    await options.close();
  }, 120_000);
});
