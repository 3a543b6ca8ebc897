// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountQrUrl } from '../../../../extension/popup/account-qr-url';
import { addManualAccount } from '../../../../extension/popup/add-manual-account';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { scanResultText } from '../../../../extension/popup/scan-result-text';
import { PolicyRefusedError } from '../../../../extension/settings/policy-refused-error';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { openVault } from '../../../../extension/vault';
import { installChromeI18n } from './chrome-i18n';
import {
  byTestId,
  click,
  draft,
  fill,
  type Popup,
  popupRootProps,
  press,
  renderPopup,
  rowButton,
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
    // Unlocked without a passphrase: the QR code opens the vault to see whether it has one.
    session: { get: async () => ({}), set: async () => undefined, remove: async () => undefined },
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
        'Accounts handmatig toevoegen is uitgeschakeld door uw organisatie.',
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
    await expect(accountQrUrl(account, '')).rejects.toMatchObject({
      name: 'PolicyRefusedError',
      setting: 'allowSecretExport',
    });
    installPolicy({ allowSecretExport: true });
    expect(await accountQrUrl(account, '')).toMatchObject({
      status: 'confirmed',
      url: expect.stringMatching(/^data:image\/svg\+xml/),
    });
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
        'Exports die geheime sleutels tonen zijn uitgeschakeld door uw organisatie.',
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

describe('deleting an account: allowDeleteAccounts', () => {
  let counter = 0;
  let root: HTMLElement | undefined;
  afterEach(() => {
    if (root !== undefined) render(null, root);
    root?.remove();
    root = undefined;
  });

  /** The popup as it opens (PopupRoot reads the settings), on a vault holding the account "Balie". */
  async function openPopup(policy: Record<string, unknown>): Promise<HTMLElement> {
    globalThis.indexedDB = new IDBFactory();
    installChromeI18n('nl');
    const dbName = `delete-policy-${++counter}`;
    const seed = await openVault({ dbName });
    await seed.add(draft('Balie'));
    seed.close();
    const container = document.createElement('div');
    document.body.append(container);
    root = container;
    await act(() =>
      render(
        <PopupRoot {...popupRootProps(dbName, { settings: async () => resolveSettings(policy, {}) })} />,
        container,
      ),
    );
    return container;
  }

  it('off: the row menu has no "Verwijderen" and the Delete key asks nothing; without the policy both do', async () => {
    for (const [policy, offered] of [
      [{ allowDeleteAccounts: false }, false],
      [{ allowDeleteAccounts: true }, true],
      [{}, true],
    ] as const) {
      const container = await openPopup(policy);
      const row = await waitFor(() => rowByName(container, 'Balie'));
      await click(byTestId(row, 'actions'));
      // The menu is open (its other items are there) …
      await waitFor(() => byTestId(row, 'pin'));
      // … with "Verwijderen" only when deleting is allowed.
      expect(row.querySelector('[data-testid="delete"]') !== null, JSON.stringify(policy)).toBe(offered);
      await press(rowButton(container, 'Balie'), 'Delete');
      expect(container.querySelector('[data-testid="confirm-delete"]') !== null, JSON.stringify(policy)).toBe(
        offered,
      );
      render(null, container);
      container.remove();
      root = undefined;
    }
  });

  it('the vault refuses a removal while it is off, whatever called it (no menu needed); nothing is lost; on or no policy: removed', async () => {
    globalThis.indexedDB = new IDBFactory();
    const dbName = `delete-policy-vault-${++counter}`;
    installPolicy({ allowDeleteAccounts: false });
    const vault = await openVault({ dbName });
    const account = await vault.add(draft('Balie'));
    const refused = vault.remove(account.id);
    await expect(refused).rejects.toBeInstanceOf(PolicyRefusedError);
    await expect(refused).rejects.toMatchObject({ setting: 'allowDeleteAccounts', managed: true });
    expect((await vault.list()).accounts).toEqual([account]);
    vault.close();
    expect(await storedIn(dbName)).toEqual(['Balie']);

    for (const policy of [{ allowDeleteAccounts: true }, {}]) {
      installPolicy(policy);
      const again = await openVault({ dbName });
      const [stored] = (await again.list()).accounts;
      await again.remove(stored?.id ?? '');
      again.close();
      expect(await storedIn(dbName)).toEqual([]);
      const seed = await openVault({ dbName });
      await seed.add(draft('Balie'));
      seed.close();
    }
  });

  it('confirmed after the policy switched it off (the menu still offered it): says why, the account stays, no undo', async () => {
    popup = await renderPopup([draft('Balie'), draft('Kamer 2')]);
    const policy = installPolicy();
    const row = await waitFor(() => rowByName(popup?.container ?? document.body, 'Balie'));
    await click(byTestId(row, 'actions'));
    await click(byTestId(row, 'delete'));
    policy.allowDeleteAccounts = false;
    await click(byTestId(row, 'confirm-delete'));
    await waitFor(() =>
      expect(byTestId(popup?.container ?? document, 'toast').textContent).toContain(
        'Accounts verwijderen is uitgeschakeld door uw organisatie.',
      ),
    );
    expect(popup.container.querySelector('[data-testid="undo"]')).toBeNull();
    expect(rowByName(popup.container, 'Balie')).toBeDefined();
    expect((await storedIn(popup.dbName)).sort()).toEqual(['Balie', 'Kamer 2']);
    // The question closes and the focus is back on that row, not on the next one.
    await waitFor(() => expect(row.querySelector('[data-testid="confirm-delete"]')).toBeNull());
    expect(document.activeElement?.closest('[data-testid="account"]')).toBe(
      rowByName(popup.container, 'Balie'),
    );
  });
});
