// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { type JSX, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { EmptyState } from '../../../../extension/popup/components/empty-state';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { installChromeI18n } from './chrome-i18n';
import { byTestId, type Popup, popupRootProps, renderPopup, waitFor } from './popup-fixtures';

let root: HTMLElement | undefined;
let popup: Popup | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
  root = undefined;
  popup?.unmount();
  popup = undefined;
});

async function mount(element: JSX.Element): Promise<HTMLElement> {
  installChromeI18n('nl');
  const container = document.createElement('div');
  document.body.append(container);
  root = container;
  await act(() => render(element, container));
  return container;
}

describe('the empty popup', () => {
  test('offers “Importeren” for codes kept in another app', async () => {
    popup = await renderPopup();
    const button = await waitFor(() => byTestId(popup?.container ?? document, 'empty-import'));
    expect(button.textContent).toBe('Importeren');
    expect(popup.container.textContent).toContain(
      'Staan uw codes al in een andere authenticator-app of in een andere extensie?',
    );
  });

  test('without a passphrase it says to set one before the first account, and opens “Vergrendeling”', async () => {
    popup = await renderPopup();
    const hint = await waitFor(() => byTestId(popup?.container ?? document, 'empty-passphrase-hint'));
    expect(hint.textContent).toBe(
      'Gebruiken meerdere mensen deze computer? Stel dan eerst een wachtwoordzin in, voordat u accounts toevoegt. Zonder wachtwoordzin kan iedereen achter deze computer de codes zien.',
    );
    expect(byTestId(popup.container, 'empty-set-passphrase').textContent).toBe('Wachtwoordzin instellen');
  });

  test('with a passphrase set (the popup can lock) it says nothing of the kind', async () => {
    popup = await renderPopup([], undefined, { onLock: () => {} });
    await waitFor(() => byTestId(popup?.container ?? document, 'empty'));
    expect(popup.container.querySelector('[data-testid="empty-passphrase-hint"]')).toBeNull();
    expect(popup.container.querySelector('[data-testid="empty-set-passphrase"]')).toBeNull();
  });

  test('the policy PopupRoot reads reaches it: with allowImport off, the button never shows', async () => {
    const shown: boolean[] = [];
    const container = await mount(
      <PopupRoot
        {...popupRootProps('empty-policy', {
          settings: async () => resolveSettings({ allowImport: false }, {}),
        })}
      />,
    );
    const observer = new MutationObserver(() =>
      shown.push(container.querySelector('[data-testid="empty-import"]') !== null),
    );
    observer.observe(container, { childList: true, subtree: true });
    await waitFor(() => byTestId(container, 'empty'));
    observer.disconnect();
    expect(container.querySelector('[data-testid="empty-import"]')).toBeNull();
    expect(shown).not.toContain(true);
  });

  test('import switched off by the policy: no button to a page that only says so', async () => {
    const container = await mount(<EmptyState allowImport={false} />);
    expect(byTestId(container, 'empty').textContent).toMatch(/^Nog geen accounts\./);
    expect(container.querySelector('[data-testid="empty-import"]')).toBeNull();
    expect(container.textContent).not.toContain('andere authenticator-app');
  });

  test('the toolbar’s gear opens “Instellingen”', async () => {
    popup = await renderPopup();
    const button = await waitFor(() => byTestId(popup?.container ?? document, 'open-options'));
    // Named by its title alone: an equal aria-label beside it was read twice.
    expect(button.hasAttribute('aria-label')).toBe(false);
    expect(button.getAttribute('title')).toBe('Instellingen');
    expect(button.querySelector('svg circle')).not.toBeNull();
  });
});
