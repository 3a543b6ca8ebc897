/**
 * The workstation policy in real Chromium (issue 11): a managed policy file for this extension
 * (Linux: /etc/chromium/policies/managed/*.json, `3rdparty.extensions.<id>`) reaches
 * chrome.storage.managed a few seconds after launch; the popup, the options page and the stored
 * user settings then follow it.
 *
 * The file applies to every Chromium on this machine while it exists, other checkouts' test runs
 * of this extension (same id) included: everything that needs no policy is done before it is
 * written, and it is removed in `finally` (and on exit). Within one test run it is a project of its
 * own (e2e-policy in vitest.config.ts), never at the same time as another end-to-end file.
 */
import { mkdirSync, mkdtempSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, expect, test } from 'vitest';
import { EXTENSION_ID } from '../../manifest.config';
import {
  type ExtensionBrowser,
  launchWithExtension,
  POPUP_PATH,
  pageOf,
  poll,
} from '../support/extension-browser';
import { setPassphrase } from '../support/lock-driver';
import { expectedCodes } from '../support/scan-driver';

const POLICY_FILE = `/etc/chromium/policies/managed/authenticator-e2e-${process.pid}.json`;
const POLICY = {
  workstationName: 'Chrome plugin balie',
  requirePassphrase: true,
  minPassphraseLength: 12,
  autoLockMinutes: 10,
  maxUnlockMinutes: 480,
  allowSecretExport: false,
  allowManualEntry: false,
  allowDeleteAccounts: false,
};
const SECRET = 'KRUGS4ZANFZSAYJAOBXWY2LDPEQGE33SM5SXE';
const ISSUER = 'Beleid Portaal 5521';
const PASSPHRASE = 'een zin van de systeembeheerder';

// Not every Chromium package makes the folder (Debian's 150 does not): made here as an IT person
// would (`mkdir -p`), and the folders this test made are removed again if they are empty (another
// checkout's run may have written its own file meanwhile).
let madeFolder: string | undefined;
const removePolicy = () => {
  rmSync(POLICY_FILE, { force: true });
  if (madeFolder === undefined) return;
  for (let dir = dirname(POLICY_FILE); dir.startsWith(madeFolder); dir = dirname(dir)) {
    try {
      rmdirSync(dir);
    } catch {
      return; // not empty, or gone already
    }
  }
};
process.once('exit', removePolicy);
const profile = mkdtempSync(join(tmpdir(), 'authenticator-policy-'));
afterAll(() => {
  removePolicy();
  rmSync(profile, { recursive: true, force: true });
});

const message = (page: Page, key: string) =>
  page.evaluate(`chrome.i18n.getMessage(${JSON.stringify(key)})`) as Promise<string>;

/** Before the policy: an account, and the user's own choices for what the policy will fix. */
async function prepareProfile(): Promise<void> {
  const eb = await launchWithExtension({ profile });
  try {
    const popup = await eb.openPopupTab();
    await (await popup.waitForSelector('[data-testid="add-manual"]'))?.click();
    await popup.type('input[name="secret"]', SECRET);
    await popup.type('input[name="issuer"]', ISSUER);
    await popup.click('[data-testid="save"]');
    await popup.waitForSelector('[data-testid="account"] [data-testid="code"]');
    await popup.close();
    const worker = await eb.worker();
    // What the options page stores for the user (a string: this test's tsconfig has no chrome types).
    await worker.evaluate(
      `chrome.storage.local.set({ 'settings.workstationName': 'Mijn eigen naam', 'settings.autoLockMinutes': 30, 'settings.secretExportsAllowed': true, 'settings.allowManualEntry': true })`,
    );
  } finally {
    await eb.close();
  }
}

async function waitForPolicy(eb: ExtensionBrowser): Promise<void> {
  await poll(
    async () => {
      const worker = await eb.worker();
      const managed = (await worker.evaluate(`chrome.storage.managed.get(null)`)) as Record<string, unknown>;
      return managed.workstationName === POLICY.workstationName ? true : undefined;
    },
    { timeout: 20_000, interval: 250, what: 'the managed policy to arrive' },
  );
}

/**
 * Closes a popup tab that may be closing itself (the popup closes once it opened Instellingen):
 * between isClosed() and close() it can be gone, and Chrome then knows no such target.
 */
async function closeIfOpen(page: Page): Promise<void> {
  if (page.isClosed()) return;
  await page.close().catch((error: unknown) => {
    if (!page.isClosed() && !String(error).includes('No target with given id')) throw error;
  });
}

test('a managed policy file: workstation name, passphrase required first (no fill, backup or export before it), locked options, no secret exports, no manual entry', async () => {
  await prepareProfile();
  try {
    madeFolder = mkdirSync(dirname(POLICY_FILE), { recursive: true, mode: 0o755 });
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: POLICY } } }), {
      mode: 0o644,
    });
  } catch (error) {
    throw new Error(
      `cannot write ${POLICY_FILE}: Chromium reads managed policies only from there, which only root may write (run the end-to-end tests as root, as .ci/run does)`,
      { cause: error },
    );
  }
  let eb: ExtensionBrowser | undefined;
  try {
    eb = await launchWithExtension({ profile });
    await waitForPolicy(eb);

    // requirePassphrase without one: the popup shows the workstation name and asks to set it, no code.
    const popup = await eb.openPopupTab();
    await popup.waitForSelector('[data-testid="passphrase-required"]');
    expect(await popup.$eval('[data-testid="workstation-name"]', (el) => el.textContent)).toBe(
      POLICY.workstationName,
    );
    const dom = await popup.evaluate(() => document.documentElement.outerHTML);
    for (const needle of [ISSUER, SECRET, ...expectedCodes(SECRET, Date.now())])
      expect(dom).not.toContain(needle);
    expect(await popup.$('[data-testid="account"]')).toBeNull();
    // "Wachtwoordzin instellen" opens Instellingen at "Vergrendeling", the new passphrase's field focused.
    await popup.click('[data-testid="set-passphrase"]');
    const lockSection = await eb.browser.waitForTarget((t) => t.url().endsWith('/options/index.html#lock'), {
      timeout: 10_000,
    });
    const settings = await pageOf(lockSection);
    await settings.waitForFunction(() => document.activeElement?.getAttribute('name') === 'new-passphrase');
    await closeIfOpen(popup);
    // Asked again while Instellingen is still open (the user went elsewhere on it): that tab comes
    // forward with the field focused again; no second one opens.
    await settings.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const again = await eb.openPopupTab();
    await again.waitForSelector('[data-testid="set-passphrase"]');
    await again.click('[data-testid="set-passphrase"]');
    await settings.waitForFunction(() => document.activeElement?.getAttribute('name') === 'new-passphrase');
    const optionsTabs = eb.browser.targets().filter((t) => t.url().includes('/options/index.html'));
    expect(optionsTabs).toHaveLength(1);
    await settings.close();
    await closeIfOpen(again);

    // Nor does the fill command (Alt+Shift+F) give a code: it opens the popup, which says why.
    const worker = await eb.worker();
    await worker.evaluate(
      `chrome.commands.onCommand.dispatch('fill-code', { id: 1, url: 'https://portaal.example.nl/login' })`,
    );
    const opened = await eb.browser.waitForTarget((t) => t.url().endsWith(POPUP_PATH), { timeout: 10_000 });
    const refused = await pageOf(opened);
    const why = await refused.waitForSelector('[data-testid="fill-refused"]');
    expect(await why?.evaluate((el) => el.textContent)).toBe(
      await message(refused, 'fillPassphraseRequired'),
    );
    expect(await refused.$('[data-testid="account"]')).toBeNull();
    await refused.close();

    // The options page: the policy's values, not the user's, in locked controls marked as such.
    const options = await eb.browser.newPage();
    await options.goto(`chrome-extension://${EXTENSION_ID}/extension/options/index.html`);
    await options.waitForSelector('select[name="auto-lock"]');
    const control = (selector: string) =>
      options.$eval(selector, (el) => ({
        value:
          (el as HTMLInputElement).type === 'checkbox'
            ? String((el as HTMLInputElement).checked)
            : (el as HTMLInputElement).value,
        disabled: (el as HTMLInputElement).disabled,
        note: el.closest('.field')?.querySelector('[data-testid="managed"]')?.textContent ?? null,
        padlock: el.closest('.field')?.querySelector('[data-testid="managed"] > svg') !== null,
      }));
    const managedNote = await message(options, 'managedByOrganisation');
    expect(await control('select[name="auto-lock"]')).toEqual({
      value: '10',
      disabled: true,
      note: managedNote,
      padlock: true,
    });
    expect(await control('select[name="max-unlock"]')).toEqual({
      value: '480',
      disabled: true,
      note: managedNote,
      padlock: true,
    });
    expect(await control('input[name="workstation-name"]')).toEqual({
      value: POLICY.workstationName,
      disabled: true,
      note: managedNote,
      padlock: true,
    });
    expect(await control('input[name="allow-secret-exports"]')).toEqual({
      value: 'false',
      disabled: true,
      note: managedNote,
      padlock: true,
    });
    // "Beheerd door uw organisatie": every key the policy file sets, and no other.
    const overview = await options.$$eval(
      '[data-testid="managed-policy"] tr[data-testid^="managed-"]',
      (rows) => rows.map((row) => row.getAttribute('data-testid')),
    );
    expect(overview.sort()).toEqual(
      Object.keys(POLICY)
        .map((key) => `managed-${key}`)
        .sort(),
    );
    expect(
      await options.$eval('[data-testid="managed-workstationName"]', (row) => row.textContent ?? ''),
    ).toContain(POLICY.workstationName);
    // No passphrase yet: no backup and no export, with the reason.
    expect(await options.$eval('[data-testid="export-passphrase-first"]', (el) => el.textContent)).toBe(
      await message(options, 'exportPassphraseFirst'),
    );
    for (const id of ['export-backup', 'export-otpauth', 'export-google'])
      expect(await options.$(`[data-testid="${id}"]`)).toBeNull();
    // minPassphraseLength 12: a shorter one is refused.
    await options.type('input[name="new-passphrase"]', 'elf tekens!');
    await options.type('input[name="new-passphrase-confirm"]', 'elf tekens!');
    await options.click('[data-testid="save-passphrase"]');
    const refusal = await options.waitForSelector('[data-testid="passphrase-message"]');
    expect(await refusal?.evaluate((el) => el.textContent)).toMatch(/\b12\b/);
    expect(await options.$('input[name="current-passphrase"]')).toBeNull();
    await options.close();

    // With a passphrase set the codes show; still no manual entry and no QR code for a phone.
    await setPassphrase(eb, PASSPHRASE);
    // The encrypted backup is offered now; the exports that reveal secrets still are not.
    const withPassphrase = await eb.browser.newPage();
    await withPassphrase.goto(`chrome-extension://${EXTENSION_ID}/extension/options/index.html`);
    await withPassphrase.waitForSelector('[data-testid="export-backup"]');
    expect(await withPassphrase.$('[data-testid="export-otpauth"]')).toBeNull();
    expect(await withPassphrase.$('[data-testid="export-google"]')).toBeNull();
    await withPassphrase.close();
    const open = await eb.openPopupTab();
    await open.waitForSelector('[data-testid="account"] [data-testid="code"]');
    expect(await open.$eval('[data-testid="workstation-name"]', (el) => el.textContent)).toBe(
      POLICY.workstationName,
    );
    expect(await open.$('[data-testid="add-manual"]')).toBeNull();
    await open.click('[data-testid="actions"]');
    await open.waitForSelector('[data-testid="pin"]');
    expect(await open.$('[data-testid="show-qr"]')).toBeNull();
    // allowDeleteAccounts false: the reception's account cannot be deleted from the menu.
    expect(await open.$('[data-testid="delete"]')).toBeNull();
    await open.close();
  } finally {
    await eb?.close();
    removePolicy();
  }
}, 120_000);

// Chrome delivers the policy seconds after every launch, and chrome.storage.managed reads empty
// until then; the extension applies the last policy it read during the browser session's first
// minute (extension/settings/policy-in-force.ts). Runs on the profile the test above left, which
// remembered the policy; the popup opened at once follows it, whether Chrome has delivered it yet
// or not. (The expiry of that minute is unit-tested: Chromium here keeps serving a removed policy
// file's values from its own copy in the profile, so an empty read cannot be staged.)
test('a popup opened right after the browser starts follows the policy, before Chrome delivers it', async () => {
  let eb: ExtensionBrowser | undefined;
  try {
    madeFolder = mkdirSync(dirname(POLICY_FILE), { recursive: true, mode: 0o755 }) ?? madeFolder;
    writeFileSync(POLICY_FILE, JSON.stringify({ '3rdparty': { extensions: { [EXTENSION_ID]: POLICY } } }), {
      mode: 0o644,
    });
    eb = await launchWithExtension({ profile });
    const popup = await eb.openPopupTab();
    const name = await popup.waitForSelector('[data-testid="workstation-name"]');
    const shown = await name?.evaluate((el) => el.textContent);
    const worker = await eb.worker();
    const delivered = (await worker.evaluate(`chrome.storage.managed.get(null)`)) as Record<string, unknown>;
    console.info(`policy delivered when the popup had opened: ${Object.keys(delivered).length > 0}`);
    expect(shown).toBe(POLICY.workstationName);
    expect(await worker.evaluate(`chrome.storage.local.get('policy.remembered')`)).toEqual({
      'policy.remembered': POLICY,
    });
    await popup.close();
  } finally {
    await eb?.close();
    removePolicy();
  }
}, 60_000);
