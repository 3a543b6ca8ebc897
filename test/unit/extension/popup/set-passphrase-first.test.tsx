// @vitest-environment happy-dom
/**
 * requirePassphrase without a passphrase (SECURITY: the policy must not be bypassed): the popup the
 * fill command opens shows no code, only the request to set a passphrase, and says why nothing
 * was filled.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, test, vi } from 'vitest';
import { FILL_NOTICE_KEY, type FillNotice } from '../../../../extension/fill-notice';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { openVault } from '../../../../extension/vault';
import { getMessageFrom, LOCALES } from './chrome-i18n';
import { byTestId, click, digitsOf, draft, expectedTotp, SECRETS, waitFor } from './popup-fixtures';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
});

/** The popup as mount-popup.tsx renders it, with the command's notice in a fake session storage. */
async function openPopup(notice: FillNotice | undefined, openTabs: readonly OpenTab[] = []) {
  globalThis.indexedDB = new IDBFactory();
  const session = new Map<string, unknown>(notice === undefined ? [] : [[FILL_NOTICE_KEY, notice]]);
  const tabs: string[] = [];
  const calls: unknown[][] = [];
  (globalThis as { chrome?: unknown }).chrome = {
    i18n: { getMessage: getMessageFrom(LOCALES.nl) },
    runtime: {
      getManifest: () => ({ options_ui: { page: 'extension/options/index.html' } }),
      getURL: (path: string) => `chrome-extension://abc/${path}`,
      openOptionsPage: async () => {
        tabs.push('options page');
      },
      getContexts: async () => openTabs.map((tab) => ({ contextType: 'TAB', ...tab })),
      sendMessage: async (message: unknown) => void calls.push(['sendMessage', message]),
    },
    tabs: {
      create: async ({ url }: { url: string }) => {
        tabs.push(url);
      },
      update: async (tabId: number, properties: unknown) =>
        void calls.push(['tabs.update', tabId, properties]),
    },
    windows: {
      update: async (windowId: number, properties: unknown) =>
        void calls.push(['windows.update', windowId, properties]),
    },
    storage: {
      session: {
        get: async (key: string) => (session.has(key) ? { [key]: session.get(key) } : {}),
        remove: async (key: string) => void session.delete(key),
      },
    },
  };
  const seed = await openVault({ dbName: 'passphrase-first' });
  await seed.add(draft('Portaal', { origins: ['https://portaal.example.nl'] }));
  seed.close();
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  await act(() => {
    render(
      <PopupRoot
        openVault={() => openVault({ dbName: 'passphrase-first' })}
        settings={async () => resolveSettings({ requirePassphrase: true }, {})}
        unlock={async () => ({ status: 'unlocked' })}
        lock={async () => undefined}
        watchLock={() => () => undefined}
        lastScan={async () => null}
      />,
      root,
    );
  });
  return { root, session, tabs, calls };
}

interface OpenTab {
  readonly tabId: number;
  readonly windowId: number;
  readonly documentUrl: string;
}

test('opened by the fill command: it says the code was not filled and why, shows no code, and takes the notice', async () => {
  const { root, session } = await openPopup({ reason: 'passphrase-required', at: Date.now() });
  await waitFor(() => byTestId(root, 'passphrase-required'));
  await waitFor(() =>
    expect(byTestId(root, 'fill-refused').textContent).toContain('De code is niet ingevuld'),
  );
  expect(root.textContent).toContain('Uw organisatie vereist een wachtwoordzin');
  expect(root.querySelector('[data-testid="account"], [data-testid="code"]')).toBeNull();
  expect(digitsOf(root)).not.toContain(expectedTotp(SECRETS[0], Date.now()));
  expect(session.has(FILL_NOTICE_KEY)).toBe(false);
});

test('opened by hand: only the request to set a passphrase', async () => {
  const { root } = await openPopup(undefined);
  await waitFor(() => byTestId(root, 'passphrase-required'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(root.querySelector('[data-testid="fill-refused"]')).toBeNull();
});

test('“Wachtwoordzin instellen” opens Instellingen at its lock section, and the popup closes', async () => {
  const close = vi.spyOn(window, 'close').mockImplementation(() => {});
  const { root, tabs } = await openPopup(undefined);
  const button = await waitFor(() => byTestId(root, 'set-passphrase'));
  expect(button.textContent).toBe('Wachtwoordzin instellen');
  await click(button);
  await waitFor(() => expect(close).toHaveBeenCalled());
  // The options page focuses the new passphrase's field for #lock (options-lock.test.tsx).
  expect(tabs).toEqual(['chrome-extension://abc/extension/options/index.html#lock']);
  close.mockRestore();
});

test('“Wachtwoordzin instellen” with Instellingen already open: that tab comes forward at its lock section, no second tab', async () => {
  const close = vi.spyOn(window, 'close').mockImplementation(() => {});
  const { root, tabs, calls } = await openPopup(undefined, [
    { tabId: 3, windowId: 1, documentUrl: 'chrome-extension://abc/extension/popup/index.html' },
    // Opened before, and a link on it followed since: the fragment differs.
    { tabId: 7, windowId: 2, documentUrl: 'chrome-extension://abc/extension/options/index.html#import' },
  ]);
  await click(await waitFor(() => byTestId(root, 'set-passphrase')));
  await waitFor(() => expect(close).toHaveBeenCalled());
  expect(tabs).toEqual([]);
  expect(calls).toEqual([
    // The page moves the focus to the new passphrase's field (options-lock.test.tsx). Sent first:
    // bringing the tab forward closes a toolbar popup, and anything it had not sent yet.
    ['sendMessage', { type: 'options-section', section: 'lock' }],
    ['tabs.update', 7, { active: true }],
    ['windows.update', 2, { focused: true }],
  ]);
  close.mockRestore();
});

test('the refusal names where to set the passphrase: Instellingen → Vergrendeling', async () => {
  const { root } = await openPopup({ reason: 'passphrase-required', at: Date.now() });
  await waitFor(() =>
    expect(byTestId(root, 'fill-refused').textContent).toContain(
      'Stel die in bij ‘Instellingen’ → ‘Vergrendeling’.',
    ),
  );
});
