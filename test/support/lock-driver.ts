import type { Page } from 'puppeteer-core';
import type { ExtensionBrowser } from './extension-browser';

/** Sets the vault's passphrase on the options page as a user does (which also unlocks this browser). */
export async function setPassphrase(browser: ExtensionBrowser, passphrase: string): Promise<void> {
  const options = await browser.browser.newPage();
  await options.goto(`chrome-extension://${browser.extensionId}/extension/options/index.html`);
  await options.waitForSelector('input[name="new-passphrase"]');
  await options.type('input[name="new-passphrase"]', passphrase);
  await options.type('input[name="new-passphrase-confirm"]', passphrase);
  await options.click('[data-testid="save-passphrase"]');
  // Once set, the form asks for the current passphrase (whatever the browser's language).
  await options.waitForSelector('input[name="current-passphrase"]', { timeout: 20_000 });
  await options.close();
}

/** Adds an account by hand in an open (unlocked) popup, as a user does, and waits for its code. */
export async function addAccountByHand(
  popup: Page,
  account: { readonly secret: string; readonly issuer: string; readonly label: string },
): Promise<void> {
  // The popup renders once it knows whether the vault is locked.
  await popup.waitForSelector('[data-testid="add-manual"]');
  await popup.click('[data-testid="add-manual"]');
  await popup.type('input[name="secret"]', account.secret);
  await popup.type('input[name="issuer"]', account.issuer);
  await popup.type('input[name="label"]', account.label);
  await popup.click('[data-testid="save"]');
  await popup.waitForSelector('[data-testid="account"] [data-testid="code"]');
}
