// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import { THROTTLE_KEY, unlockWithPassphrase } from '../../../../extension/lock/unlock-with-passphrase';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import { loadExportAccounts } from '../../../../extension/options/load-export-accounts';
import type { AccountDraft } from '../../../../extension/otp';
import { MIN_ARGON2ID, openVault, type SessionKey, type Vault } from '../../../../extension/vault';
import { type FakeStorageArea, fakeStorageArea } from '../../../support/fake-storage-area';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, click, fill, waitFor } from '../popup/popup-fixtures';

/**
 * With a passphrase on the vault, every export that reveals secrets asks for it (docs/security.md,
 * "Exports"), checked through the unlock throttle before any account is read: whoever finds the
 * vault unlocked at a shared workstation cannot take every secret along without it.
 */

const PASSPHRASE = 'een lange zin voor de balie';
const account: AccountDraft = {
  type: 'totp',
  secret: new Uint8Array(20).fill(7),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: 'Zorgportaal',
  label: 'balie',
  name: '',
};

let dbName: string;
let counter = 0;
let container: HTMLElement;
let session: SessionKey | undefined;
/** The lock's storage, as the unlock uses it: the wrong-passphrase throttle is in `local`. */
let lockStorage: { local: FakeStorageArea; session: FakeStorageArea };
/** Every passphrase the throttle let through to the check, in order. */
let checked: string[];
/** How often an export read the accounts. */
let reads: number;

/** The real throttle (unlock tries), with the vault's passphrase check as a comparison. */
const verify = (passphrase: string) =>
  unlockWithPassphrase(passphrase, {
    storage: lockStorage,
    open: async (p) => {
      checked.push(p);
      return p === PASSPHRASE ? session : undefined;
    },
  });

/** Opens the test's vault with this browser's session key, counting what reads the accounts. */
async function open(): Promise<Vault> {
  const vault = await openVault({ dbName, session });
  return {
    ...vault,
    list: () => {
      reads++;
      return vault.list();
    },
    get passphraseRequired() {
      return vault.passphraseRequired;
    },
    close: () => vault.close(),
  };
}

async function setUp(withPassphrase: boolean): Promise<void> {
  const vault = await openVault({ dbName });
  try {
    await vault.add(account);
    if (withPassphrase)
      session = await vault.setPassphrase(PASSPHRASE, {
        name: 'argon2id',
        params: MIN_ARGON2ID,
      });
  } finally {
    vault.close();
  }
}

async function mount(): Promise<void> {
  await act(() => render(<OptionsApp openVault={open} verify={verify} section="" />, container));
}

const failures = () =>
  (lockStorage.local.data[THROTTLE_KEY] as { failures: number } | undefined)?.failures ?? 0;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `export-passphrase-${++counter}`;
  session = undefined;
  checked = [];
  reads = 0;
  lockStorage = { local: fakeStorageArea(), session: fakeStorageArea() };
  installChromeI18n('nl');
  const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
  chrome.storage = {
    managed: { get: async () => ({}) },
    local: { get: async () => ({}), set: async () => undefined },
  };
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
  vi.restoreAllMocks();
});

const input = (testId: string) => waitFor(() => byTestId<HTMLInputElement>(container, testId));
const named = (name: string) =>
  waitFor(() => {
    const element = container.querySelector<HTMLInputElement>(`[name="${name}"]`);
    if (element === null) throw new Error(`no ${name}`);
    return element;
  });

interface ExportCase {
  readonly name: string;
  /** The field's test id, and the id of the message that describes it when refused. */
  readonly field: string;
  readonly message: string;
  /** The warning above the field, read with it (the warned exports). */
  readonly warning?: string;
  /** Opens the export (its warning or its form), with the backup's file password typed. */
  readonly open: () => Promise<void>;
  readonly confirm: () => Promise<void>;
  /** The export happened: a download, or the QR codes on the page. */
  readonly delivered: (download: ReturnType<typeof vi.spyOn>) => Promise<void>;
}

const BACKUP_PASSWORD = 'een lange zin voor de back-up';

/** The field's description: the refusal, the warning above it (if any), its hint. */
const describedBy = (exported: ExportCase, field: HTMLInputElement) =>
  [exported.message, exported.warning, `${field.id}-hint`].filter((id) => id !== undefined).join(' ');

const EXPORTS: readonly ExportCase[] = [
  {
    name: 'the otpauth list',
    field: 'export-otpauth-passphrase',
    message: 'export-otpauth-passphrase-message',
    warning: 'export-otpauth-warning',
    open: async () => click(await waitFor(() => byTestId(container, 'export-otpauth'))),
    confirm: () => click(byTestId(container, 'export-otpauth-confirm')),
    delivered: (download) => waitFor(() => expect(download).toHaveBeenCalledTimes(1)),
  },
  {
    name: 'the QR codes for Google Authenticator',
    field: 'export-google-passphrase',
    message: 'export-google-passphrase-message',
    warning: 'export-google-warning',
    open: async () => click(await waitFor(() => byTestId(container, 'export-google'))),
    confirm: () => click(byTestId(container, 'export-google-confirm')),
    delivered: async () => void (await waitFor(() => byTestId(container, 'google-qr'))),
  },
  {
    name: 'the encrypted backup',
    field: 'export-backup-passphrase',
    message: 'export-status',
    open: async () => {
      await click(await waitFor(() => byTestId(container, 'export-backup')));
      await fill(await named('export-passphrase'), BACKUP_PASSWORD);
      await fill(await named('export-passphrase-confirm'), BACKUP_PASSWORD);
    },
    confirm: () => click(byTestId(container, 'export-confirm')),
    delivered: (download) => waitFor(() => expect(download).toHaveBeenCalledTimes(1), 15_000),
  },
];

describe.each(EXPORTS)('$name, with a passphrase on the vault', (exported) => {
  it('asks for it; empty costs no try, wrong is refused on the field and counts as an unlock try; right exports', async () => {
    await setUp(true);
    await mount();
    const download = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
    await exported.open();
    const field = await input(exported.field);
    expect(field.type).toBe('password');
    expect(container.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('Huidige wachtwoordzin');

    // Empty: asked for, on the field; nothing checked, no try used up.
    await exported.confirm();
    await waitFor(() =>
      expect(byTestId(container, exported.message).textContent).toBe('Vul uw huidige wachtwoordzin in.'),
    );
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toBe(describedBy(exported, field));
    expect([checked, failures(), reads]).toEqual([[], 0, 0]);

    // Wrong: refused with the words of "Vergrendeling", counted in the unlock throttle.
    await fill(field, 'een verkeerde zin');
    await exported.confirm();
    await waitFor(() =>
      expect(byTestId(container, exported.message).textContent).toBe(
        'De huidige wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock).',
      ),
    );
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect([checked, failures(), reads]).toEqual([['een verkeerde zin'], 1, 0]);
    expect(download).not.toHaveBeenCalled();
    expect(container.querySelector('[data-testid="google-qr"]')).toBeNull();
    expect(await readActivity()).toEqual([]);

    // Right: the export happens, and the throttle is cleared.
    await fill(field, PASSPHRASE);
    await exported.confirm();
    await exported.delivered(download);
    expect([failures(), reads]).toEqual([0, 1]);
  }, 30_000);

  it('after the free tries the wrong one says how long to wait; during the wait nothing is checked', async () => {
    await setUp(true);
    // Two wrong passphrases before, in the popup's unlock form: the same count, so this is the third.
    lockStorage.local.data[THROTTLE_KEY] = { failures: 2, notBefore: 0 };
    await mount();
    await exported.open();
    const field = await input(exported.field);
    await fill(field, 'een verkeerde zin');
    await exported.confirm();
    await waitFor(() =>
      expect(byTestId(container, exported.message).textContent).toBe(
        'De huidige wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock). Wacht nog 1 seconde en probeer het dan opnieuw.',
      ),
    );
    await fill(field, PASSPHRASE);
    await exported.confirm();
    await waitFor(() =>
      expect(byTestId(container, exported.message).textContent).toBe(
        'Wacht nog 1 seconde en probeer het dan opnieuw.',
      ),
    );
    // A wait is no refusal of what was typed: the field is described by it, not marked invalid.
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect(field.getAttribute('aria-describedby')).toBe(describedBy(exported, field));
    expect([checked, failures(), reads]).toEqual([['een verkeerde zin'], 3, 0]);
    // Once the wait is over the sentence says so, once; the focus stays where the user put it.
    const elsewhere = document.createElement('button');
    container.append(elsewhere);
    elsewhere.focus();
    await waitFor(
      () => expect(byTestId(container, exported.message).textContent).toBe('U kunt het nu opnieuw proberen.'),
      5_000,
    );
    expect(document.activeElement).toBe(elsewhere);
    expect([checked, failures(), reads]).toEqual([['een verkeerde zin'], 3, 0]);
  }, 30_000);
});

describe('the encrypted backup, with a passphrase on the vault', () => {
  it('a wrong passphrase loses nothing else typed: the file password stays in both fields', async () => {
    await setUp(true);
    await mount();
    await EXPORTS[2]?.open();
    await fill(await input('export-backup-passphrase'), 'een verkeerde zin');
    await click(byTestId(container, 'export-confirm'));
    await waitFor(() => expect(byTestId(container, 'export-status').textContent).toContain('klopt niet'));
    expect((await named('export-passphrase')).value).toBe(BACKUP_PASSWORD);
    expect((await named('export-passphrase-confirm')).value).toBe(BACKUP_PASSWORD);
    expect((await input('export-backup-passphrase')).value).toBe('een verkeerde zin');
  }, 30_000);
});

describe.each(EXPORTS)('$name, without a passphrase on the vault', (exported) => {
  it('shows no passphrase field and exports as before', async () => {
    await setUp(false);
    await mount();
    const download = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:export');
    await exported.open();
    await exported.confirm();
    await exported.delivered(download);
    expect(
      container.querySelector(
        '[name*="current-passphrase"], [data-testid^="export-"][data-testid$="-passphrase"]',
      ),
    ).toBeNull();
    expect([checked, failures(), reads]).toEqual([[], 0, 1]);
  }, 30_000);
});

describe('loadExportAccounts: the only way the options page gets the accounts', () => {
  it('with a passphrase on the vault, none without it: empty costs no try, wrong counts one', async () => {
    await setUp(true);
    const tried = vi.fn(verify);
    expect(await loadExportAccounts(open, 'allowSecretExport', { passphrase: '', verify: tried })).toEqual({
      status: 'empty',
    });
    expect(tried).not.toHaveBeenCalled();
    expect(
      await loadExportAccounts(open, 'allowEncryptedBackup', {
        passphrase: 'een verkeerde zin',
        verify: tried,
      }),
    ).toEqual({ status: 'wrong', waitMs: 0 });
    expect([failures(), reads]).toEqual([1, 0]);
    expect(
      await loadExportAccounts(open, 'allowSecretExport', { passphrase: PASSPHRASE, verify: tried }),
    ).toMatchObject({ status: 'confirmed', accounts: [{ issuer: 'Zorgportaal' }] });
    expect([failures(), reads]).toEqual([0, 1]);
  }, 30_000);
});
