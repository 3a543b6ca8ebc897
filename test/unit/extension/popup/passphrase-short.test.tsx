// @vitest-environment happy-dom
/**
 * A passphrase set before the organisation raised minPassphraseLength still opens the vault (staff
 * need their code), and the popup says once, after that unlock, that it is now too short, with the
 * way to "Vergrendeling". Only a boolean reaches the popup, never the passphrase or its length.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UnlockResult } from '../../../../extension/lock/unlock-with-passphrase';
import { loadPanels } from '../../../../extension/popup/components/lazy-panels';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { openVault, VaultLockedError } from '../../../../extension/vault';
import { getMessageFrom, LOCALES } from './chrome-i18n';
import { byTestId, click, draft, fill, submit, waitFor } from './popup-fixtures';

// The notice is fetched with import() when first shown; here it is there before the unlock.
beforeAll(loadPanels);

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
});

/** A locked popup whose unlock answers `result`; the vault opens after it. */
async function lockedPopup(result: UnlockResult, locale: 'nl' | 'en' = 'nl') {
  globalThis.indexedDB = new IDBFactory();
  const tabs: string[] = [];
  (globalThis as { chrome?: unknown }).chrome = {
    i18n: { getMessage: getMessageFrom(LOCALES[locale]) },
    runtime: {
      getManifest: () => ({ options_ui: { page: 'extension/options/index.html' } }),
      getURL: (path: string) => `chrome-extension://abc/${path}`,
      getContexts: async () => [],
    },
    tabs: { create: async ({ url }: { url: string }) => void tabs.push(url) },
  };
  const seed = await openVault({ dbName: 'short' });
  await seed.add(draft('Portaal'));
  seed.close();
  let locked = true;
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  await act(() => {
    render(
      <PopupRoot
        openVault={() =>
          locked ? Promise.reject(new VaultLockedError('locked')) : openVault({ dbName: 'short' })
        }
        settings={async () => resolveSettings({ minPassphraseLength: 16 }, {})}
        unlock={async () => {
          locked = false;
          return result;
        }}
        lock={async () => undefined}
        watchLock={() => () => undefined}
        lastScan={async () => null}
      />,
      root,
    );
  });
  // The form is loaded on demand (locked-view.tsx).
  const field = await waitFor(() => {
    const input = root.querySelector('[name="passphrase"]');
    if (input === null) throw new Error('no passphrase field yet');
    return input;
  });
  await fill(field, 'kort maar goed');
  await submit(byTestId<HTMLFormElement>(root, 'unlock'));
  await waitFor(() => byTestId(root, 'code'));
  return { root, tabs };
}

describe('popup: a passphrase shorter than the minimum now in force', () => {
  it('unlocks as always, says the organisation now requires N characters, and offers “Vergrendeling”', async () => {
    // Long enough: nothing to say.
    const long = await lockedPopup({ status: 'unlocked', tooShort: false });
    expect(long.root.querySelector('[data-testid="passphrase-short"]')).toBeNull();
    render(null, long.root);
    long.root.remove();

    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    const { root, tabs } = await lockedPopup({ status: 'unlocked', tooShort: true });
    const notice = byTestId(root, 'passphrase-short');
    expect(notice.textContent).toContain(
      'Uw organisatie vereist nu een wachtwoordzin van minstens 16 tekens. Die van u is korter. Kies een nieuwe bij ‘Vergrendeling’.',
    );
    const button = byTestId(root, 'passphrase-change');
    expect(button.textContent).toBe('Wachtwoordzin wijzigen');
    await click(button);
    await waitFor(() => expect(close).toHaveBeenCalled());
    expect(tabs).toEqual(['chrome-extension://abc/extension/options/index.html#lock']);
    close.mockRestore();
  });

  it('in English when Chrome is', async () => {
    const { root } = await lockedPopup({ status: 'unlocked', tooShort: true }, 'en');
    expect(byTestId(root, 'passphrase-short').textContent).toContain(
      'Your organisation now requires a passphrase of at least 16 characters.',
    );
    expect(byTestId(root, 'passphrase-change').textContent).toBe('Change the passphrase');
  });
});
