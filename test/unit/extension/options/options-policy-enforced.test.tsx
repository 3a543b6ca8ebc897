// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import { SecretExportsSettings } from '../../../../extension/options/components/secret-exports-settings';
import { loadExportAccounts } from '../../../../extension/options/load-export-accounts';
import { removeVaultPassphrase } from '../../../../extension/options/remove-vault-passphrase';
import { storeImport } from '../../../../extension/options/store-import';
import type { AccountDraft } from '../../../../extension/otp';
import { PolicyRefusedError } from '../../../../extension/settings/policy-refused-error';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { MIN_ARGON2ID, openVault, type SessionKey, VaultLockedError } from '../../../../extension/vault';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, click, fill, waitFor } from '../popup/popup-fixtures';

/**
 * The restrictions are enforced where the action happens, with the setting read at that moment:
 * not only by hiding buttons (a script in the options page could call the action without them).
 */

const account = (issuer = 'Zorgportaal'): AccountDraft => ({
  type: 'totp',
  secret: new Uint8Array(20).fill(7),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer,
  label: 'balie',
  name: '',
});

let dbName: string;
let counter = 0;
let container: HTMLElement;

/** chrome.i18n, a policy (chrome.storage.managed) the test may change later, and the user's settings. */
function installStorage(policy: Record<string, unknown> = {}, local: Record<string, unknown> = {}) {
  installChromeI18n('nl');
  const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
  chrome.storage = {
    managed: { get: async () => ({ ...policy }) },
    local: { get: async () => ({ ...local }), set: async () => undefined },
  };
  return policy;
}

const open = () => openVault({ dbName });
/** No passphrase on these tests' vaults: nothing to prove (a check would fail the test). */
const noProof = {
  passphrase: '',
  verify: async (): Promise<never> => {
    throw new Error('no passphrase is set: nothing to check');
  },
};

async function stored(): Promise<string[]> {
  const vault = await open();
  try {
    return (await vault.list()).accounts.map((a) => a.issuer);
  } finally {
    vault.close();
  }
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `options-policy-${++counter}`;
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

describe('exports: the setting is read when the accounts are taken for the file', () => {
  it('allowEncryptedBackup=false: the backup gets no accounts, the vault is not even opened', async () => {
    installStorage({ allowEncryptedBackup: false });
    const vault = await open();
    await vault.add(account());
    vault.close();
    const opener = vi.fn(open);
    const refused = await loadExportAccounts(opener, 'allowEncryptedBackup', noProof).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(PolicyRefusedError);
    expect((refused as PolicyRefusedError).setting).toBe('allowEncryptedBackup');
    expect(opener).not.toHaveBeenCalled();
    // The other export is not governed by it.
    expect(await loadExportAccounts(opener, 'allowSecretExport', noProof)).toMatchObject({
      accounts: [{ issuer: 'Zorgportaal' }],
    });
  });

  it('allowSecretExport=false by policy or by the user: the otpauth list and QR codes get no accounts', async () => {
    const vault = await open();
    await vault.add(account());
    vault.close();
    installStorage({ allowSecretExport: false });
    const byPolicy = await loadExportAccounts(open, 'allowSecretExport', noProof).catch((e: unknown) => e);
    expect(byPolicy).toMatchObject({
      name: 'PolicyRefusedError',
      setting: 'allowSecretExport',
      managed: true,
    });
    installStorage({}, { 'settings.secretExportsAllowed': false });
    const byUser = await loadExportAccounts(open, 'allowSecretExport', noProof).catch((e: unknown) => e);
    expect(byUser).toMatchObject({
      name: 'PolicyRefusedError',
      setting: 'allowSecretExport',
      managed: false,
    });
    installStorage({ allowSecretExport: true, allowEncryptedBackup: true });
    expect((await loadExportAccounts(open, 'allowSecretExport', noProof)).status).toBe('confirmed');
    expect(await loadExportAccounts(open, 'allowEncryptedBackup', noProof)).toMatchObject({
      accounts: [{ issuer: 'Zorgportaal' }],
    });
  });

  it('a backup asked for after the policy switched it off (the button still shown) downloads nothing, and says why', async () => {
    const policy = installStorage();
    const vault = await open();
    await vault.add(account());
    vault.close();
    await act(() => render(<OptionsApp openVault={open} section="" />, container));
    await click(await waitFor(() => byTestId(container, 'export-backup')));
    policy.allowEncryptedBackup = false;
    const download = vi.spyOn(URL, 'createObjectURL');
    const field = (name: string) => container.querySelector(`[name="${name}"]`) as HTMLInputElement;
    await fill(field('export-passphrase'), 'een lange zin voor de back-up');
    await fill(field('export-passphrase-confirm'), 'een lange zin voor de back-up');
    await click(byTestId(container, 'export-confirm'));
    await waitFor(() =>
      expect(byTestId(container, 'export-status').textContent).toBe(
        'De versleutelde back-up is uitgeschakeld door uw organisatie.',
      ),
    );
    expect(download).not.toHaveBeenCalled();
  });

  it('the otpauth list asked for after the policy switched it off downloads nothing, and says why', async () => {
    const policy = installStorage();
    const vault = await open();
    await vault.add(account());
    vault.close();
    await act(() => render(<OptionsApp openVault={open} section="" />, container));
    await click(await waitFor(() => byTestId(container, 'export-otpauth')));
    policy.allowSecretExport = false;
    const download = vi.spyOn(URL, 'createObjectURL');
    await click(byTestId(container, 'export-otpauth-confirm'));
    await waitFor(() =>
      expect(container.textContent).toContain(
        'Exports die geheime sleutels tonen zijn uitgeschakeld door uw organisatie.',
      ),
    );
    expect(download).not.toHaveBeenCalled();
  });
});

/** The import section's text field, once the page has read the settings and the vault. */
function importField(): HTMLElement {
  const field = container.querySelector<HTMLElement>('textarea[name="import-text"]');
  if (field === null) throw new Error('the import field is not there yet');
  return field;
}

describe('import: allowImport is read when the file is read and when the accounts are stored', () => {
  it('the commit stores nothing while allowImport is off, and everything once it is on', async () => {
    installStorage({ allowImport: false });
    const refused = await storeImport(open, [account('Eén'), account('Twee')]).catch((e: unknown) => e);
    expect(refused).toMatchObject({ name: 'PolicyRefusedError', setting: 'allowImport' });
    expect(await stored()).toEqual([]);
    installStorage({ allowImport: true });
    await storeImport(open, [account('Eén'), account('Twee')]);
    expect(await stored()).toEqual(['Eén', 'Twee']);
  });

  it('a preview confirmed after the policy switched import off stores nothing; the preview stays', async () => {
    const policy = installStorage();
    await act(() => render(<OptionsApp openVault={open} section="" />, container));
    const text = await waitFor(() => byTestId(container, 'import-read') && importField());
    await fill(text, 'otpauth://totp/Zorgportaal:balie?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await click(byTestId(container, 'import-read'));
    await waitFor(() => byTestId(container, 'import-preview'));
    policy.allowImport = false;
    await click(byTestId(container, 'import-confirm'));
    await waitFor(() =>
      expect(byTestId(container, 'import-error').textContent).toBe(
        'Importeren is uitgeschakeld door uw organisatie.',
      ),
    );
    expect(byTestId(container, 'import-preview')).not.toBeNull();
    expect(await stored()).toEqual([]);
  });

  it('reading a file or text after the policy switched import off is refused before anything is read', async () => {
    const policy = installStorage();
    await act(() => render(<OptionsApp openVault={open} section="" />, container));
    const text = await waitFor(() => byTestId(container, 'import-read') && importField());
    policy.allowImport = false;
    await fill(text, 'otpauth://totp/Zorgportaal:balie?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    await click(byTestId(container, 'import-read'));
    await waitFor(() =>
      expect(byTestId(container, 'import-error').textContent).toBe(
        'Importeren is uitgeschakeld door uw organisatie.',
      ),
    );
    expect(container.querySelector('[data-testid="import-preview"]')).toBeNull();
    expect(await stored()).toEqual([]);
  });
});

describe('removing the passphrase: requirePassphrase is read at the removal', () => {
  const PASSPHRASE = 'een lange zin voor de balie';
  async function withPassphrase(): Promise<SessionKey> {
    const vault = await open();
    try {
      await vault.add(account());
      return await vault.setPassphrase(PASSPHRASE, {
        name: 'argon2id',
        params: MIN_ARGON2ID,
      });
    } finally {
      vault.close();
    }
  }

  it('requirePassphrase=true: refused, and the vault still opens only with the passphrase', async () => {
    const session = await withPassphrase();
    installStorage({ requirePassphrase: true });
    const vault = await openVault({ dbName, session });
    const refused = await removeVaultPassphrase(vault).catch((e: unknown) => e);
    vault.close();
    expect(refused).toMatchObject({
      name: 'PolicyRefusedError',
      setting: 'requirePassphrase',
      managed: true,
    });
    await expect(open()).rejects.toBeInstanceOf(VaultLockedError);
  }, 20_000);

  it('requirePassphrase=false: removed, the vault opens without input', async () => {
    const session = await withPassphrase();
    installStorage({ requirePassphrase: false });
    const vault = await openVault({ dbName, session });
    await removeVaultPassphrase(vault);
    vault.close();
    expect(await stored()).toEqual(['Zorgportaal']);
  }, 20_000);
});

describe('"Exports met geheime sleutels": the hint names the backup only while it is allowed', () => {
  const BACKUP_HINT = 'De versleutelde back-up blijft mogelijk.';
  const hint = async (policy: Record<string, unknown>) => {
    installStorage();
    await act(() =>
      render(
        <SecretExportsSettings settings={resolveSettings(policy, {})} set={async () => undefined} />,
        container,
      ),
    );
    return container.querySelector('#secret-exports-hint')?.textContent ?? '';
  };

  it('allowEncryptedBackup=false: not said', async () => {
    const text = await hint({ allowEncryptedBackup: false });
    expect(text).toContain('Zet dit uit op een gedeelde werkplek.');
    expect(text).not.toContain(BACKUP_HINT);
  });

  it('allowed: said', async () => {
    expect(await hint({})).toContain(BACKUP_HINT);
  });
});
