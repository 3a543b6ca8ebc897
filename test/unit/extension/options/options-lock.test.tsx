// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UnlockResult } from '../../../../extension/lock/unlock-with-passphrase';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import type { AccountDraft } from '../../../../extension/otp';
import { openVault, type SessionKey, VaultLockedError } from '../../../../extension/vault';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, click, fill, submit, waitFor } from '../popup/popup-fixtures';

let container: HTMLElement;

const account = (): AccountDraft => ({
  type: 'totp',
  secret: new Uint8Array(20).fill(7),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: 'Zorgportaal',
  label: 'balie',
  name: '',
});
let dbName: string;
let counter = 0;
let session: SessionKey | undefined;

/** chrome.i18n plus a fake policy (chrome.storage.managed) and user settings. */
function installStorage(policy: Record<string, unknown> = {}) {
  installChromeI18n('nl');
  const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
  chrome.storage = {
    managed: { get: async () => policy },
    local: { get: async () => ({}), set: async () => undefined },
  };
  return policy;
}

async function mount(options: { unlock?: (p: string) => Promise<UnlockResult> } = {}) {
  const open = () => openVault({ dbName, session });
  await act(() =>
    render(
      <OptionsApp
        openVault={open}
        unlock={options.unlock ?? (async () => ({ status: 'unlocked' }))}
        keepSession={async (next) => {
          session = next;
        }}
      />,
      container,
    ),
  );
}

const field = (name: string) =>
  waitFor(() => {
    const element = container.querySelector(`[name="${name}"]`);
    if (element === null) throw new Error(`no ${name}`);
    return element as HTMLInputElement;
  });

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `options-lock-${++counter}`;
  session = undefined;
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('options page: the passphrase', () => {
  it('refuses a short or mismatched passphrase, then sets it: the vault no longer opens without it', async () => {
    installStorage();
    await mount();
    await fill(await field('new-passphrase'), 'kort');
    await fill(await field('new-passphrase-confirm'), 'kort');
    await click(byTestId(container, 'save-passphrase'));
    expect(byTestId(container, 'passphrase-message').textContent).toContain('minstens 10 tekens');
    await fill(await field('new-passphrase'), 'een lange zin voor de balie');
    await fill(await field('new-passphrase-confirm'), 'een lange zin voor de baliE');
    await click(byTestId(container, 'save-passphrase'));
    expect(byTestId(container, 'passphrase-message').textContent).toContain('niet gelijk');

    await fill(await field('new-passphrase-confirm'), 'een lange zin voor de balie');
    await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
    await waitFor(
      () => expect(byTestId(container, 'passphrase-message').textContent).toContain('opgeslagen'),
      10_000,
    );
    expect(session).toBeDefined(); // this browser stays unlocked
    await expect(openVault({ dbName })).rejects.toBeInstanceOf(VaultLockedError);
    (await openVault({ dbName, passphrase: 'een lange zin voor de balie' })).close();
    expect(byTestId(container, 'passphrase-status').textContent).toContain(
      'Er is een wachtwoordzin ingesteld',
    );
  }, 20_000);

  it('removing needs the current passphrase, checked through the throttle', async () => {
    installStorage();
    const vault = await openVault({ dbName });
    session = await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    });
    vault.close();
    const tried: string[] = [];
    await mount({
      unlock: async (p) => {
        tried.push(p);
        return p === 'goed' ? { status: 'unlocked' } : { status: 'wrong', waitMs: 2000 };
      },
    });
    await fill(await field('current-passphrase'), 'fout');
    await click(byTestId(container, 'remove-passphrase'));
    await waitFor(() =>
      expect(byTestId(container, 'passphrase-message').textContent).toContain('klopt niet'),
    );
    expect(byTestId(container, 'passphrase-message').textContent).toContain('over 2 seconden');
    await fill(await field('current-passphrase'), 'goed');
    await click(byTestId(container, 'remove-passphrase'));
    await waitFor(() =>
      expect(byTestId(container, 'passphrase-message').textContent).toContain('verwijderd'),
    );
    expect(tried).toEqual(['fout', 'goed']);
    expect(session).toBeUndefined();
    (await openVault({ dbName })).close(); // a device slot again
  }, 20_000);

  it('a locked vault shows only the unlock form: no import, no export, no settings', async () => {
    installStorage();
    const vault = await openVault({ dbName });
    await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    });
    vault.close();
    await mount();
    await waitFor(() => byTestId(container, 'unlock'));
    expect(container.querySelector('[name="passphrase"]')).not.toBeNull();
    expect(container.querySelector('textarea, [data-testid="export-backup"], [name="auto-lock"]')).toBeNull();
  });
});

describe('options page: settings fixed by policy', () => {
  it('shows managed settings as locked controls "ingesteld door uw organisatie", with the policy’s values', async () => {
    installStorage({ autoLockMinutes: 5, workstationName: 'Chrome plugin balie', allowSecretExport: false });
    await mount();
    const select = (await field('auto-lock')) as unknown as HTMLSelectElement;
    expect(select.disabled).toBe(true);
    expect(select.value).toBe('5');
    const name = await field('workstation-name');
    expect(name.disabled).toBe(true);
    expect(name.value).toBe('Chrome plugin balie');
    const exports = await field('allow-secret-exports');
    expect([exports.disabled, exports.checked]).toEqual([true, false]);
    expect(container.querySelectorAll('[data-testid="managed"]')).toHaveLength(3);
    expect(container.textContent).toContain('ingesteld door uw organisatie');
    // Not managed: the user may change it.
    expect((await field('lock-on-screen-lock')).disabled).toBe(false);
  });

  it('requirePassphrase: the passphrase can be changed but not removed; allowImport and allowEncryptedBackup switch sections off', async () => {
    installStorage({ requirePassphrase: true, allowImport: false, allowEncryptedBackup: false });
    const vault = await openVault({ dbName });
    session = await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: { memoryKiB: 19_456, iterations: 2, parallelism: 1 },
    });
    vault.close();
    await mount();
    await waitFor(() => byTestId(container, 'remove-passphrase'));
    expect(byTestId<HTMLButtonElement>(container, 'remove-passphrase').disabled).toBe(true);
    expect(container.querySelector('textarea[name="import-text"]')).toBeNull();
    expect(container.querySelector('[data-testid="export-backup"]')).toBeNull();
    expect(container.textContent).toContain('Uitgeschakeld door uw organisatie');
  });

  it('requirePassphrase without one: no backup and no export are offered, with the reason; once set they are', async () => {
    installStorage({ requirePassphrase: true });
    const vault = await openVault({ dbName });
    await vault.add(account());
    vault.close();
    await mount();
    await waitFor(() => byTestId(container, 'export-passphrase-first'));
    expect(byTestId(container, 'export-passphrase-first').textContent).toContain(
      'Uw organisatie vereist een wachtwoordzin',
    );
    for (const id of ['export-backup', 'export-otpauth', 'export-google'])
      expect(container.querySelector(`[data-testid="${id}"]`), id).toBeNull();

    await fill(await field('new-passphrase'), 'een lange zin voor de balie');
    await fill(await field('new-passphrase-confirm'), 'een lange zin voor de balie');
    await submit(byTestId<HTMLFormElement>(container, 'passphrase-settings'));
    await waitFor(() => byTestId(container, 'export-backup'), 10_000);
    expect(container.querySelector('[data-testid="export-passphrase-first"]')).toBeNull();
  }, 20_000);

  it('a policy that arrives after the page was drawn: the backup it still shows writes nothing', async () => {
    const policy = installStorage();
    const vault = await openVault({ dbName });
    await vault.add(account());
    vault.close();
    await mount();
    await click(await waitFor(() => byTestId(container, 'export-backup')));
    // The policy reaches chrome.storage.managed; the page has not re-read it yet.
    policy.requirePassphrase = true;
    const download = vi.spyOn(URL, 'createObjectURL');
    await fill(await field('export-passphrase'), 'een lange zin voor de back-up');
    await fill(await field('export-passphrase-confirm'), 'een lange zin voor de back-up');
    await click(byTestId(container, 'export-confirm'));
    await waitFor(() =>
      expect(byTestId(container, 'export-status').textContent).toBe('De export is mislukt.'),
    );
    expect(download).not.toHaveBeenCalled();
    download.mockRestore();
  });
});
