// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openVault, VaultVersionError } from '../../../../extension/vault';
import {
  allByTestId,
  byTestId,
  click,
  digitsOf,
  draft,
  expectedTotp,
  fill,
  type Popup,
  press,
  renderPopup,
  rowButton,
  rowByName,
  rowNames,
  SECRETS,
  T0,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => {
  popup?.unmount();
  vi.unstubAllGlobals();
});

const names = (n: number) => Array.from({ length: n }, (_, i) => draft(`Account ${i + 1}`));

describe('popup: the list and its test contract', () => {
  it('shows each account with its name, details and current code, and the toolbar buttons', async () => {
    popup = await renderPopup([draft('Chrome plugin balie', { issuer: 'Portaal', label: 'piet' })]);
    const { container } = popup;
    await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(1));
    const row = byTestId(container, 'account');
    expect(byTestId(row, 'account-name').textContent).toBe('Chrome plugin balie');
    expect(row.textContent).toContain('Portaal · piet');
    const code = byTestId(row, 'code');
    expect(digitsOf(code)).toBe(expectedTotp(SECRETS[0], T0));
    expect(code.textContent).toMatch(/^\d{3} \d{3}$/);
    expect(byTestId(container, 'scan').getAttribute('title')).toBe('QR-code scannen');
    expect(byTestId(container, 'scan').querySelector('svg')).not.toBeNull();
    byTestId(container, 'add-manual'); // throws when missing
    expect(container.querySelector('ul.accounts li[data-testid="account"]')).toBe(row);
    expect(document.documentElement.lang).toBe('nl');
  });

  it('names a row by issuer, then label, when the user gave no name of their own', async () => {
    popup = await renderPopup([draft('', { issuer: 'Gemeente' }), draft('', { issuer: '', label: 'jan' })]);
    await waitFor(() => expect(rowNames(popup?.container ?? document)).toEqual(['Gemeente', 'jan']));
  });

  it('tells a new user what to do when there are no accounts', async () => {
    popup = await renderPopup();
    const empty = await waitFor(() => byTestId(popup?.container ?? document, 'empty'));
    expect(empty.textContent).toBe(
      'Nog geen accounts. Open in het portaal ‘Mijn gegevens’ → ‘Voeg authenticator toe’ → ‘Ga naar stap 2’. ' +
        'Klik dan rechtsboven in dit venster, direct rechts van ‘Authenticator’, op het blauwe scanpictogram ' +
        '(een vierkantje van vier losse hoeken met een streep erdoor) en sleep een rechthoek over de QR-code.',
    );
  });

  it('copies the current code on click and on Enter, and says "Gekopieerd"', async () => {
    popup = await renderPopup([draft('Balie')]);
    const { container, writeText } = popup;
    const row = await waitFor(() => byTestId(container, 'account'));
    await click(byTestId(row, 'code'));
    await waitFor(() => expect(byTestId(container, 'toast').textContent).toBe('Gekopieerd'));
    expect(writeText).toHaveBeenLastCalledWith(expectedTotp(SECRETS[0], T0));
    expect(byTestId(container, 'toast').getAttribute('aria-live')).toBe('polite');

    writeText.mockClear();
    const button = rowButton(container, 'Balie');
    expect(button.getAttribute('aria-describedby')).toBe('row-hint');
    await press(button, 'Enter');
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(expectedTotp(SECRETS[0], T0)));
  });

  it('does not copy when a control inside the row is used', async () => {
    popup = await renderPopup([draft('Balie')]);
    const row = await waitFor(() => byTestId(popup?.container ?? document, 'account'));
    await click(byTestId(row, 'actions'));
    expect(popup.writeText).not.toHaveBeenCalled();
  });

  it('shows search only with more than 5 accounts, and filters by name, issuer and label', async () => {
    popup = await renderPopup(names(5));
    await waitFor(() => expect(allByTestId(popup?.container ?? document, 'account')).toHaveLength(5));
    expect(popup.container.querySelector('[data-testid="search"]')).toBeNull();
    popup.unmount();

    popup = await renderPopup([...names(5), draft('Balie', { issuer: 'Gemeente Utrecht', label: 'kees' })]);
    const { container } = popup;
    await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(6));
    const search = byTestId<HTMLInputElement>(container, 'search');
    await fill(search, 'utrecht');
    await waitFor(() => expect(rowNames(container)).toEqual(['Balie']));
    await fill(search, 'KEES');
    await waitFor(() => expect(rowNames(container)).toEqual(['Balie']));
    await fill(search, 'account 3');
    await waitFor(() => expect(rowNames(container)).toEqual(['Account 3']));
    await fill(search, 'nothing like this');
    await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(0));
    expect(container.textContent).toContain('Geen accounts gevonden.');
    await fill(search, '');
    await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(6));
  });

  it('shows a long list as full rows, reaches its last account by scrolling, and marks first-code and all-codes for the benchmark', async () => {
    performance.clearMarks();
    popup = await renderPopup(names(150));
    const { container } = popup;
    await waitFor(() => expect(performance.getEntriesByName('all-codes', 'mark')).toHaveLength(1));
    expect(performance.getEntriesByName('first-code', 'mark')).toHaveLength(1);
    const rows = allByTestId(container, 'account');
    expect(rows.length).toBeLessThan(50);
    for (const row of rows) {
      expect(row.querySelector('.countdown')).not.toBeNull();
      byTestId(row, 'actions'); // throws when missing
    }
    const list = container.querySelector('ul.accounts') as HTMLElement;
    list.scrollTop = 1_000_000;
    await act(() => {
      list.dispatchEvent(new Event('scroll'));
    });
    const last = await waitFor(() => rowByName(container, 'Account 150'));
    expect(digitsOf(byTestId(last, 'code'))).toBe(expectedTotp(SECRETS[0], T0));
    expect(last.getAttribute('aria-posinset')).toBe('150');
    expect(last.getAttribute('aria-setsize')).toBe('150');
  });

  it('says calmly how many accounts could not be read, and shows the others', async () => {
    popup = await renderPopup([draft('Goed'), draft('Stuk'), draft('Ook stuk')]);
    popup.unmount();
    // Flip a ciphertext byte in two records, as tampering or disk damage would, and in the
    // snapshot, which holds every account too (otherwise it would show them unharmed).
    const { openDB } = await import('idb');
    const db = await openDB(popup.dbName);
    const flip = (bytes: Uint8Array) => {
      const copy = new Uint8Array(bytes);
      copy[0] = (copy[0] ?? 0) ^ 1;
      return copy;
    };
    const records = (await db.getAll('accounts')) as { id: string; ciphertext: Uint8Array; order: number }[];
    for (const record of records.filter((r) => r.order > 0)) {
      await db.put('accounts', { ...record, ciphertext: flip(record.ciphertext) });
    }
    const snapshot = (await db.get('snapshot', 'accounts')) as { ciphertext: Uint8Array };
    await db.put('snapshot', { ...snapshot, ciphertext: flip(snapshot.ciphertext) }, 'accounts');
    db.close();

    // happy-dom replaces the global DOMException, so the vault's `instanceof DOMException` would
    // not recognise the OperationError thrown by Node's WebCrypto; give it Node's class back.
    vi.stubGlobal('DOMException', await nodeDomException());
    const { container } = await rerender(popup.dbName);
    const notice = await waitFor(() => byTestId(container, 'damaged'));
    expect(notice.textContent).toContain('2 accounts konden niet worden gelezen');
    expect(notice.textContent).toContain('ongewijzigd bewaard');
    expect(rowNames(container)).toEqual(['Goed']);
  });

  it('explains that the data was made by a newer version', async () => {
    popup = await renderPopup();
    popup.unmount();
    const failing = () => Promise.reject(new VaultVersionError('format', 2, 1));
    const { container } = await rerender(popup.dbName, failing);
    const error = await waitFor(() => byTestId(container, 'vault-error'));
    expect(error.textContent).toContain('nieuwere versie');
    expect(error.getAttribute('role')).toBe('alert');
  });
});

/** The DOMException class of Node's WebCrypto (not happy-dom's). */
async function nodeDomException(): Promise<unknown> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  const iv = new Uint8Array(12);
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, new Uint8Array(16)).then(
    () => DOMException,
    (error: Error) => error.constructor,
  );
}

/** The App again on an existing database (the fixture always seeds a fresh one). */
async function rerender(dbName: string, open = () => openVault({ dbName })) {
  const { render } = await import('preact');
  const { act } = await import('preact/test-utils');
  const { App } = await import('../../../../extension/popup/components/app');
  const { manualClock } = await import('./popup-fixtures');
  const container = document.createElement('div');
  document.body.append(container);
  await act(() => render(<App openVault={open} clock={manualClock()} />, container));
  popup = {
    ...(popup as Popup),
    container,
    unmount: () => {
      render(null, container);
      container.remove();
    },
  };
  return popup;
}
