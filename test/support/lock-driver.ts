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
