// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import { openVault } from '../../../../extension/vault';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, waitFor } from '../popup/popup-fixtures';

/**
 * "Beheerd door uw organisatie": the options page lists every setting the organisation's policy
 * fixed, with its value in words, including those without a control of their own
 * (minPassphraseLength, checkClockDrift, allowManualEntry), and follows a policy that changes
 * while the page is open.
 */

type Listener = (changes: Record<string, unknown>, areaName: string) => void;

let container: HTMLElement;
let dbName: string;
let counter = 0;
let listeners: Listener[];

/**
 * chrome.i18n, a policy the test may replace later (then `changePolicy`), the user's own settings,
 * and chrome.storage.onChanged. The browser session began minutes ago, and the remembered copy of
 * the policy is never stored: an empty managed read means no policy.
 */
function installStorage(
  policy: Record<string, unknown>,
  local: Record<string, unknown> = {},
  locale: 'nl' | 'en' = 'nl',
): { current: Record<string, unknown> } {
  installChromeI18n(locale);
  const state = { current: policy };
  const chrome = (globalThis as unknown as { chrome: Record<string, unknown> }).chrome;
  chrome.storage = {
    managed: { get: async () => ({ ...state.current }) },
    local: { get: async () => ({ ...local }), set: async () => undefined, remove: async () => undefined },
    session: {
      get: async () => ({ 'browserSession.startedAt': Date.now() - 600_000 }),
      set: async () => undefined,
    },
    onChanged: {
      addListener: (listener: Listener) => listeners.push(listener),
      removeListener: (listener: Listener) => {
        listeners = listeners.filter((l) => l !== listener);
      },
    },
  };
  return state;
}

/** The IT person changes the policy: Chrome stores it and tells every open page. */
async function changePolicy(state: { current: Record<string, unknown> }, next: Record<string, unknown>) {
  const old = state.current;
  state.current = next;
  const changes = Object.fromEntries(
    [...new Set([...Object.keys(old), ...Object.keys(next)])].map((key) => [
      key,
      { oldValue: old[key], newValue: next[key] },
    ]),
  );
  await act(() => {
    for (const listener of [...listeners]) listener(changes, 'managed');
  });
}

async function idle() {
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

/** The page, drawn and settled (the settings and the vault read). */
async function mount() {
  await act(() => render(<OptionsApp openVault={() => openVault({ dbName })} section="" />, container));
  await waitFor(() => byTestId(container, 'passphrase-settings'));
  await idle();
}

/** The overview's rows: test id, the setting's name, its value. */
function rows(): [string, string, string][] {
  const section = byTestId(container, 'managed-policy');
  return Array.from(section.querySelectorAll('tr')).map((row) => [
    row.getAttribute('data-testid') ?? '',
    row.querySelector('th')?.textContent ?? '',
    row.querySelector('td')?.textContent ?? '',
  ]);
}

const contents = () => Array.from(container.querySelectorAll('nav a')).map((a) => a.textContent);

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  dbName = `options-managed-policy-${++counter}`;
  listeners = [];
  container = document.createElement('div');
  document.body.append(container);
});

afterEach(() => {
  render(null, container);
  container.remove();
});

describe('options page: "Beheerd door uw organisatie"', () => {
  it('without a policy (the user’s own settings, or only invalid values) there is no such section; with one there is', async () => {
    const state = installStorage(
      {},
      {
        'settings.autoLockMinutes': 5,
        'settings.lockOnScreenLock': false,
        'settings.checkClockDrift': false,
      },
    );
    await mount();
    expect(container.querySelector('[data-testid="managed-policy"]')).toBeNull();
    expect(contents()).not.toContain('Beheerd door uw organisatie');

    // Values the schema would drop (wrong type, out of range) fix nothing either.
    await changePolicy(state, { autoLockMinutes: 5000, requirePassphrase: 'ja', minPassphraseLength: 4 });
    await idle();
    expect(container.querySelector('[data-testid="managed-policy"]')).toBeNull();

    await changePolicy(state, { checkClockDrift: true });
    await waitFor(() =>
      expect(rows()).toEqual([['managed-checkClockDrift', 'Klok van deze computer controleren', 'aan']]),
    );
  });

  it('a policy: exactly its settings, in plain Dutch, with where the IT person checks them, and a link at the top', async () => {
    installStorage(
      {
        requirePassphrase: true,
        minPassphraseLength: 12,
        autoLockMinutes: 10,
        maxUnlockMinutes: 480,
        workstationName: 'Chrome plugin balie',
        allowManualEntry: false,
        allowEncryptedBackup: true,
        clipboardClearSeconds: 0,
        checkClockDrift: true,
        allowErase: false,
        allowDeleteAccounts: false,
        fillOnlyOnAccountSites: true,
        // Dropped: the wrong type.
        allowImport: 'nee',
      },
      // The user's own choices are not the organisation's: not listed.
      { 'settings.lockOnScreenLock': false, 'settings.secretExportsAllowed': false },
    );
    await mount();
    const section = byTestId(container, 'managed-policy');
    const heading = section.querySelector('h2');
    expect(heading?.textContent).toBe('Beheerd door uw organisatie');
    // A drawn padlock, not the emoji (an empty box without an emoji font), hidden from readers.
    expect(heading?.querySelector('svg')?.getAttribute('aria-hidden')).toBe('true');
    expect(section.textContent).toContain('chrome://policy');
    expect(rows()).toEqual([
      ['managed-requirePassphrase', 'Wachtwoordzin verplicht', 'ja'],
      ['managed-minPassphraseLength', 'Minimale lengte wachtwoordzin', '12 tekens'],
      ['managed-autoLockMinutes', 'Automatisch vergrendelen', 'na 10 minuten zonder activiteit'],
      ['managed-maxUnlockMinutes', 'Altijd opnieuw vergrendelen', '8 uur na het ontgrendelen'],
      ['managed-workstationName', 'Naam van deze werkplek', 'Chrome plugin balie'],
      ['managed-allowEncryptedBackup', 'Versleutelde back-up', 'toegestaan'],
      ['managed-allowManualEntry', 'Handmatig toevoegen (geheime sleutel intypen)', 'uitgeschakeld'],
      ['managed-allowErase', 'Alles wissen bij een vergeten wachtwoordzin', 'uitgeschakeld'],
      ['managed-allowDeleteAccounts', 'Accounts verwijderen', 'uitgeschakeld'],
      ['managed-clipboardClearSeconds', 'Gekopieerde code wissen van het klembord', 'nooit'],
      ['managed-checkClockDrift', 'Klok van deze computer controleren', 'aan'],
      ['managed-fillOnlyOnAccountSites', 'Codes alleen invullen op de eigen websites van een account', 'aan'],
    ]);
    // The name comes from the policy: isolated, as names are everywhere else.
    expect(byTestId(container, 'managed-workstationName').querySelector('bdi')?.textContent).toBe(
      'Chrome plugin balie',
    );
    // First in the page's contents, linking to the section.
    expect(contents()[0]).toBe('Beheerd door uw organisatie');
    expect(container.querySelector('nav a')?.getAttribute('href')).toBe(`#${section.id}`);
  });

  it('in English when Chrome is', async () => {
    installStorage({ requirePassphrase: false, autoLockMinutes: 1, lockOnScreenLock: true }, {}, 'en');
    await mount();
    expect(byTestId(container, 'managed-policy').querySelector('h2')?.textContent).toBe(
      'Managed by your organisation',
    );
    expect(rows()).toEqual([
      ['managed-requirePassphrase', 'Passphrase required', 'no'],
      ['managed-autoLockMinutes', 'Lock automatically', 'after 1 minute without activity'],
      ['managed-lockOnScreenLock', 'Lock when the screen locks', 'on'],
    ]);
  });

  it('follows a policy that changes while the page is open, and leaves when it is removed', async () => {
    const state = installStorage({ autoLockMinutes: 10, allowImport: true });
    await mount();
    expect(rows()).toEqual([
      ['managed-autoLockMinutes', 'Automatisch vergrendelen', 'na 10 minuten zonder activiteit'],
      ['managed-allowImport', 'Importeren', 'toegestaan'],
    ]);

    await changePolicy(state, { autoLockMinutes: 0, allowImport: false, clipboardClearSeconds: 45 });
    await waitFor(() =>
      expect(rows()).toEqual([
        [
          'managed-autoLockMinutes',
          'Automatisch vergrendelen',
          'nooit automatisch (alleen met de knop, bij schermvergrendeling of als Chrome sluit)',
        ],
        ['managed-allowImport', 'Importeren', 'uitgeschakeld'],
        ['managed-clipboardClearSeconds', 'Gekopieerde code wissen van het klembord', 'na 45 seconden'],
      ]),
    );

    await changePolicy(state, {});
    await waitFor(() => expect(container.querySelector('[data-testid="managed-policy"]')).toBeNull());
    expect(contents()).not.toContain('Beheerd door uw organisatie');
  });
});
