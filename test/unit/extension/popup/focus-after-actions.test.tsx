// @vitest-environment happy-dom
/**
 * Where the keyboard focus goes when the control that had it goes away: never to <body>, from
 * where a keyboard or screen-reader user would have to start again at the top of the popup.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { lastScan } from '../../../../extension/last-scan';
import type { AccountDraft } from '../../../../extension/otp';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { useKeepFocus } from '../../../../extension/popup/hooks/use-keep-focus';
import { openVault, VaultLockedError } from '../../../../extension/vault';
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
  submit,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
let root: HTMLElement | undefined;
afterEach(() => {
  popup?.unmount();
  popup = undefined;
  if (root !== undefined) render(null, root);
  root?.remove();
  root = undefined;
});

/** The locked popup with `drafts` in the vault; the unlock form accepts any passphrase. */
async function lockedPopup(drafts: readonly AccountDraft[]): Promise<HTMLElement> {
  globalThis.indexedDB = new IDBFactory();
  installChromeI18n('nl');
  const seed = await openVault({ dbName: 'focus-unlock' });
  for (const account of drafts) await seed.add(account);
  seed.close();
  let locked = true;
  const container = document.createElement('div');
  document.body.append(container);
  root = container;
  await act(() => {
    render(
      <PopupRoot
        {...popupRootProps('focus-unlock', {
          openVault: () =>
            locked ? Promise.reject(new VaultLockedError('locked')) : openVault({ dbName: 'focus-unlock' }),
          unlock: async () => {
            locked = false;
            return { status: 'unlocked' };
          },
        })}
      />,
      container,
    );
  });
  return container;
}

async function unlock(container: HTMLElement): Promise<void> {
  const input = await waitFor(() => {
    const field = container.querySelector<HTMLInputElement>('#unlock-passphrase');
    if (field === null) throw new Error('no unlock form yet');
    return field;
  });
  await waitFor(() => expect(document.activeElement).toBe(input));
  await act(() => {
    input.value = 'paarse olifant';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => {
    byTestId<HTMLFormElement>(container, 'unlock').dispatchEvent(
      new Event('submit', { bubbles: true, cancelable: true }),
    );
  });
}

describe('the focus after unlocking', () => {
  it('goes to the first row', async () => {
    const container = await lockedPopup([draft('Balie'), draft('Portaal')]);
    await unlock(container);
    await waitFor(() => expect(document.activeElement).toBe(rowButton(container, 'Balie')));
  });

  it('goes to the search field when the list has one', async () => {
    const names = ['A', 'B', 'C', 'D', 'E', 'F'];
    const container = await lockedPopup(names.map((name) => draft(name)));
    await unlock(container);
    await waitFor(() => expect(document.activeElement).toBe(byTestId(container, 'search')));
  });
});

describe('the focus after closing a panel goes back to the button that opened it', () => {
  it('the scan result: to the scan button', async () => {
    popup = await renderPopup([], undefined, {
      lastScan: async () => lastScan({ status: 'no-qr' }),
    });
    const { container } = popup;
    const result = await waitFor(() => byTestId(container, 'scan-result'));
    const close = result.querySelector<HTMLButtonElement>(':scope > button');
    if (close === null) throw new Error('no close button');
    close.focus();
    await click(close);
    expect(container.querySelector('[data-testid="scan-result"]')).toBeNull();
    expect(document.activeElement).toBe(byTestId(container, 'scan'));
  });

  it('the manual-entry form, cancelled with its button or Escape: to the + button', async () => {
    popup = await renderPopup();
    const { container } = popup;
    const add = byTestId(container, 'add-manual');
    await click(add);
    const form = container.querySelector('#manual-entry') as HTMLFormElement;
    await waitFor(() => expect(document.activeElement?.getAttribute('name')).toBe('secret'));
    const cancel = form.querySelector<HTMLButtonElement>('button[type="button"]');
    if (cancel === null) throw new Error('no cancel button');
    cancel.focus();
    await click(cancel);
    expect(container.querySelector('#manual-entry')).toBeNull();
    expect(document.activeElement).toBe(add);

    await click(add);
    const secret = await waitFor(() => {
      const field = container.querySelector<HTMLInputElement>('[name="secret"]');
      expect(document.activeElement).toBe(field);
      return field as HTMLInputElement;
    });
    await press(secret, 'Escape');
    expect(container.querySelector('#manual-entry')).toBeNull();
    expect(document.activeElement).toBe(add);
  });

  it('Escape with a secret typed keeps the form and the secret (a stray key loses nothing); “Annuleren” still closes it', async () => {
    popup = await renderPopup();
    const { container } = popup;
    await click(byTestId(container, 'add-manual'));
    const secret = await waitFor(() => container.querySelector('[name="secret"]') as HTMLInputElement);
    await fill(secret, 'JBSWY3DPEHPK3PXP');
    await press(secret, 'Escape');
    expect(container.querySelector('#manual-entry')).not.toBeNull();
    expect(secret.value).toBe('JBSWY3DPEHPK3PXP');
    const cancel = container.querySelector<HTMLButtonElement>('#manual-entry button[type="button"]');
    if (cancel === null) throw new Error('no cancel button');
    await click(cancel);
    expect(container.querySelector('#manual-entry')).toBeNull();
  });

  it('after saving the form, the new account’s row has the focus (Enter copies its code), not the + button', async () => {
    popup = await renderPopup([draft('Alfa'), draft('Zulu')]);
    const { container } = popup;
    await waitFor(() => rowButton(container, 'Zulu'));
    await click(byTestId(container, 'add-manual'));
    const form = container.querySelector('#manual-entry') as HTMLFormElement;
    await fill(form.querySelector('[name="secret"]') as HTMLInputElement, 'JBSWY3DPEHPK3PXP');
    await fill(form.querySelector('[name="issuer"]') as HTMLInputElement, 'Portaal');
    await submit(form);
    await waitFor(() => expect(document.activeElement).toBe(rowButton(container, 'Portaal')));
  });
});

describe('the focus after deleting the last account', () => {
  it('goes to the toast’s undo button, and after undo back to the row', async () => {
    popup = await renderPopup([draft('Balie')]);
    const { container } = popup;
    const row = await waitFor(() => rowButton(container, 'Balie'));
    row.focus();
    await press(row, 'Delete');
    const confirm = await waitFor(() => byTestId(container, 'confirm-delete'));
    confirm.focus();
    await click(confirm);
    const undo = await waitFor(() => byTestId(container, 'undo'));
    await waitFor(() => expect(document.activeElement).toBe(undo));

    await click(undo);
    await waitFor(() => expect(document.activeElement).toBe(rowButton(container, 'Balie')));
  });

  it('but deleting one of several leaves the focus on the next row, not the undo button', async () => {
    popup = await renderPopup([draft('Balie'), draft('Portaal')]);
    const { container } = popup;
    const row = await waitFor(() => rowButton(container, 'Balie'));
    await press(row, 'Delete');
    await click(await waitFor(() => byTestId(container, 'confirm-delete')));
    await waitFor(() => byTestId(container, 'undo'));
    expect(document.activeElement).toBe(rowButton(container, 'Portaal'));
  });
});

describe('the focus after pinning from the row menu', () => {
  it('stays on the row’s ⋮ button when pinning moves the row to the top', async () => {
    popup = await renderPopup([draft('Alpha'), draft('Beta'), draft('Gamma')]);
    const { container } = popup;
    const row = await waitFor(() => rowByName(container, 'Gamma'));
    const toggle = byTestId(row, 'actions');
    toggle.focus();
    await click(toggle);
    const pin = byTestId(row, 'pin');
    pin.focus();
    await click(pin);
    await waitFor(() =>
      expect(container.querySelector('[data-testid="account"]')?.textContent).toContain('Gamma'),
    );
    await waitFor(() =>
      expect(document.activeElement).toBe(byTestId(rowByName(container, 'Gamma'), 'actions')),
    );
  });
});

/** A toolbar button and a button that removes itself, as the toast's undo does when it expires. */
function Removable({ onFocusLost }: { readonly onFocusLost?: string }) {
  const main = useRef<HTMLElement>(null);
  const [shown, setShown] = useState(true);
  const { onFocusIn } = useKeepFocus(main, onFocusLost ?? '#toolbar');
  return (
    <main ref={main} onFocusIn={onFocusIn}>
      <button type="button" id="toolbar">
        Scan
      </button>
      {shown && (
        <button type="button" id="gone" onClick={() => setShown(false)}>
          Ongedaan maken
        </button>
      )}
    </main>
  );
}

describe('useKeepFocus', () => {
  it('puts a focus whose control a render removed on the fallback (the toolbar)', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    root = container;
    await act(() => render(<Removable />, container));
    const gone = container.querySelector<HTMLButtonElement>('#gone') as HTMLButtonElement;
    gone.focus();
    await click(gone);
    expect(container.querySelector('#gone')).toBeNull();
    expect(document.activeElement).toBe(container.querySelector('#toolbar'));
  });

  it('takes no focus at start-up, nor one the user left on the page', async () => {
    const container = document.createElement('div');
    document.body.append(container);
    root = container;
    await act(() => render(<Removable />, container));
    expect(document.activeElement).toBe(document.body);
  });
});
