// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountQrUrl } from '../../../../extension/popup/account-qr-url';
import { addManualAccount } from '../../../../extension/popup/add-manual-account';
import { scanResultText } from '../../../../extension/popup/scan-result-text';
import { PolicyRefusedError } from '../../../../extension/settings/policy-refused-error';
import { openVault } from '../../../../extension/vault';
import {
  byTestId,
  click,
  draft,
  fill,
  type Popup,
  renderPopup,
  rowByName,
  SECRETS,
  submit,
  waitFor,
} from './popup-fixtures';

/**
 * allowManualEntry and allowSecretExport are read where the account is stored and where the QR
 * code is drawn, not only where the popup draws their buttons.
 */

let popup: Popup | undefined;
afterEach(() => popup?.unmount());

/** A fake policy (chrome.storage.managed) beside the i18n renderPopup installs; the test may change it. */
function installPolicy(policy: Record<string, unknown> = {}): Record<string, unknown> {
  const scope = globalThis as { chrome?: Record<string, unknown> };
  const chrome = scope.chrome ?? {};
  scope.chrome = chrome;
  chrome.storage = {
    managed: { get: async () => ({ ...policy }) },
    local: { get: async () => ({}), set: async () => undefined },
  };
  return policy;
}

async function storedIn(dbName: string): Promise<string[]> {
  const vault = await openVault({ dbName });
  try {
    return (await vault.list()).accounts.map((a) => a.name);
  } finally {
    vault.close();
  }
}

describe('manual entry: allowManualEntry is read where the account is stored', () => {
  let dbName: string;
  let counter = 0;
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    dbName = `manual-policy-${++counter}`;
  });

  it('off: refused, nothing stored', async () => {
    installPolicy({ allowManualEntry: false });
    const vault = await openVault({ dbName });
    const refused = await addManualAccount(vault, draft('Getypt')).catch((e: unknown) => e);
    vault.close();
    expect(refused).toBeInstanceOf(PolicyRefusedError);
    expect(refused).toMatchObject({ setting: 'allowManualEntry', managed: true });
    expect(await storedIn(dbName)).toEqual([]);
  });

  it('on: stored', async () => {
    installPolicy({ allowManualEntry: true });
    const vault = await openVault({ dbName });
    await addManualAccount(vault, draft('Getypt'));
    vault.close();
    expect(await storedIn(dbName)).toEqual(['Getypt']);
  });

  it('the form saved after the policy switched it off: says why, stores nothing, keeps what was typed', async () => {
    popup = await renderPopup();
    const policy = installPolicy();
    await waitFor(() => byTestId(popup?.container ?? document, 'empty'));
    await click(byTestId(popup.container, 'add-manual'));
    const form = byTestId<HTMLButtonElement>(popup.container, 'save').form as HTMLFormElement;
    const secret = form.querySelector('[name="secret"]') as HTMLInputElement;
    await fill(secret, SECRETS[0]);
    await fill(form.querySelector('[name="issuer"]') as HTMLInputElement, 'Zorgportaal');
    policy.allowManualEntry = false;
    await submit(form);
    await waitFor(() =>
      expect(byTestId(popup?.container ?? document, 'toast').textContent).toContain(
        'Accounts met de hand toevoegen is uitgeschakeld door uw organisatie.',
      ),
    );
    expect(popup.container.querySelector('form.manual-entry')).not.toBeNull();
    expect(secret.value).toBe(SECRETS[0]);
    expect(await storedIn(popup.dbName)).toEqual([]);
  });
});

describe('QR code per account: allowSecretExport is read where the QR code is made', () => {
  it('off: refused; on: made', async () => {
    installPolicy({ allowSecretExport: false });
    const account = draft('Balie');
    await expect(accountQrUrl(account)).rejects.toMatchObject({
      name: 'PolicyRefusedError',
      setting: 'allowSecretExport',
    });
    installPolicy({ allowSecretExport: true });
    expect(await accountQrUrl(account)).toMatch(/^data:image\/svg\+xml/);
  });

  it('confirmed after the policy switched it off (the menu still offered it): no QR code, and says why', async () => {
    popup = await renderPopup([draft('Balie')]);
    const policy = installPolicy();
    const row = await waitFor(() => rowByName(popup?.container ?? document.body, 'Balie'));
    await click(byTestId(row, 'actions'));
    await click(await waitFor(() => byTestId(row, 'show-qr')));
    policy.allowSecretExport = false;
    await click(byTestId(row, 'show-qr-confirm'));
    await waitFor(() =>
      expect(byTestId(row, 'qr-refused').textContent).toBe(
        'Exports die geheimen tonen zijn uitgeschakeld door uw organisatie.',
      ),
    );
    expect(row.querySelector('img')).toBeNull();
  });
});

describe('scan result: an export refused by allowImport', () => {
  it('says the organisation switched importing off and nothing was stored', async () => {
    popup = await renderPopup();
    expect(scanResultText({ status: 'import-off', foundOutsideSelection: false, at: 0 })).toEqual([
      'Dit is een export uit Google Authenticator met meerdere accounts. Importeren is uitgeschakeld door uw organisatie: er is niets opgeslagen. Scan de QR-code van één account, zoals die van het portaal.',
    ]);
  });
});

describe('websites: fillOnlyOnAccountSites is read where a website is added to an account', () => {
  async function originsIn(dbName: string): Promise<readonly string[] | undefined> {
    const vault = await openVault({ dbName });
    try {
      return (await vault.list()).accounts[0]?.origins;
    } finally {
      vault.close();
    }
  }

  it('a website added after the policy arrived: says why, adds nothing; removing one still works', async () => {
    popup = await renderPopup([draft('Portaal', { origins: ['https://portaal.example.nl'] })]);
    const policy = installPolicy();
    const row = await waitFor(() => rowByName(popup?.container ?? document.body, 'Portaal'));
    await click(byTestId(row, 'actions'));
    await click(byTestId(row, 'edit-sites'));
    const editor = byTestId(row, 'account-origins');
    policy.fillOnlyOnAccountSites = true;
    await fill(editor.querySelector('input[name="origin"]') as HTMLInputElement, 'portaal-inlog.example.com');
    await submit(editor.querySelector('form') as HTMLFormElement);
    await waitFor(() =>
      expect(byTestId(popup?.container ?? document, 'toast').textContent).toContain(
        'Websites toevoegen is uitgeschakeld door uw organisatie',
      ),
    );
    expect(await originsIn(popup.dbName)).toEqual(['https://portaal.example.nl']);
    const again = byTestId(rowByName(popup.container, 'Portaal'), 'account-origins');
    await click(
      again.querySelector('button[aria-label="https://portaal.example.nl verwijderen"]') as HTMLElement,
    );
    // The last website removed: the account has none.
    await waitFor(async () => expect((await originsIn(popup?.dbName ?? '')) ?? []).toEqual([]));
  });
});
