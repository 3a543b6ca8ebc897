// @vitest-environment happy-dom
/**
 * The lock changing elsewhere (watchLock: an unlock here is seen there too, the worker's storage
 * event) opens the vault again. Until the new one is open the list stays as it is: the App was
 * once remade at once and handed the old vault, which the old App closed as it went, and "Uw
 * accounts konden niet worden geopend" flashed after every unlock (a real-Chromium lock test
 * failed on it).
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { openVault } from '../../../../extension/vault';
import { installChromeI18n } from './chrome-i18n';
import { draft, popupRootProps, rowNames, waitFor } from './popup-fixtures';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
  container = undefined;
});

describe('popup: opened again when the lock changes elsewhere', () => {
  it('keeps the list on screen and never shows the vault error', async () => {
    globalThis.indexedDB = new IDBFactory();
    installChromeI18n('nl');
    const seed = await openVault({ dbName: 'reopen' });
    await seed.add(draft('Balie'));
    seed.close();
    let changed: () => void = () => undefined;
    const root = document.createElement('div');
    document.body.append(root);
    container = root;
    const seen: string[] = [];
    const observer = new MutationObserver(() => {
      if (root.querySelector('[data-testid="vault-error"]') !== null) seen.push('vault-error');
      if (root.querySelector('[data-testid="account"]') === null) seen.push('no rows');
    });
    await act(() =>
      render(
        <PopupRoot
          {...popupRootProps('reopen', {
            watchLock: (onChange) => {
              changed = onChange;
              return () => undefined;
            },
          })}
        />,
        root,
      ),
    );
    await waitFor(() => expect(rowNames(root)).toEqual(['Balie']));
    observer.observe(root, { childList: true, subtree: true });
    for (let i = 0; i < 3; i++) {
      await act(() => changed());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await waitFor(() => expect(rowNames(root)).toEqual(['Balie']));
    observer.disconnect();
    expect(seen).toEqual([]);
  });
});
