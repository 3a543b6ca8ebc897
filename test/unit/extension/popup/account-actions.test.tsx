// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import {
  allByTestId,
  byTestId,
  click,
  draft,
  fill,
  type Popup,
  press,
  renderPopup,
  rowButton,
  rowByName,
  rowNames,
  SECRETS,
  submit,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => popup?.unmount());

async function storedNames(p: Popup): Promise<string[]> {
  const vault = await p.reopen();
  try {
    return (await vault.list()).accounts.map((a) => a.name);
  } finally {
    vault.close();
  }
}

async function openPopup(...names: string[]): Promise<Popup> {
  popup = await renderPopup(names.map((name) => draft(name)));
  const { container } = popup;
  await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(names.length));
  return popup;
}

/**
 * Fires a drag event. Preact listens for the lower-case name only where the element has an
 * `on…` property for it; happy-dom has none for drag events, so it listens for "DragStart" etc.
 */
function drag(element: HTMLElement, name: 'DragStart' | 'DragOver' | 'Drop' | 'DragEnd'): void {
  const type = `on${name.toLowerCase()}` in element ? name.toLowerCase() : name;
  element.dispatchEvent(new Event(type, { bubbles: true, cancelable: true }));
}

async function action(row: HTMLElement, testId: string): Promise<void> {
  await click(byTestId(row, 'actions'));
  await click(byTestId(row, testId));
}

describe('popup: reorder, pin, rename, delete', () => {
  it('moves a row with Alt+ArrowDown/Up, keeps its focus, and stores the order', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    const a = rowButton(container, 'A');
    a.focus();
    await press(a, 'ArrowDown', { altKey: true });
    await waitFor(() => expect(rowNames(container)).toEqual(['B', 'A', 'C']));
    expect(document.activeElement).toBe(rowButton(container, 'A'));
    await press(rowButton(container, 'A'), 'ArrowDown', { altKey: true });
    await waitFor(() => expect(rowNames(container)).toEqual(['B', 'C', 'A']));
    await waitFor(async () => expect(await storedNames(popup as Popup)).toEqual(['B', 'C', 'A']));

    await press(rowButton(container, 'C'), 'ArrowUp', { altKey: true });
    await waitFor(async () => expect(await storedNames(popup as Popup)).toEqual(['C', 'B', 'A']));
  });

  it('moves focus between rows with the arrow keys', async () => {
    const { container } = await openPopup('A', 'B');
    rowButton(container, 'A').focus();
    await press(rowButton(container, 'A'), 'ArrowDown');
    expect(document.activeElement).toBe(rowButton(container, 'B'));
  });

  it('Escape closes the websites form and gives the focus back to the row', async () => {
    const { container } = await openPopup('A', 'B');
    const row = rowByName(container, 'A');
    await action(row, 'edit-sites');
    const field = container.querySelector<HTMLInputElement>('#site-input');
    expect(document.activeElement).toBe(field);
    await press(field as HTMLInputElement, 'Escape');
    expect(container.querySelector('[data-testid="account-origins"]')).toBeNull();
    expect(document.activeElement).toBe(rowButton(container, 'A'));
  });

  it('moves a row with the "Omlaag" menu item and by drag and drop', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    await action(rowByName(container, 'A'), 'move-down');
    await waitFor(async () => expect(await storedNames(popup as Popup)).toEqual(['B', 'A', 'C']));

    const c = rowByName(container, 'C');
    const b = rowByName(container, 'B');
    drag(c, 'DragStart');
    drag(b, 'DragOver');
    drag(b, 'Drop');
    drag(c, 'DragEnd');
    await waitFor(() => expect(rowNames(container)).toEqual(['C', 'B', 'A']));
    await waitFor(async () => expect(await storedNames(popup as Popup)).toEqual(['C', 'B', 'A']));
  });

  it('a cancelled drag leaves no row marked as the drop target, and moves nothing', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    drag(rowByName(container, 'C'), 'DragStart');
    drag(rowByName(container, 'A'), 'DragOver');
    expect(container.querySelectorAll('.drop-target')).toHaveLength(1);
    drag(rowByName(container, 'C'), 'DragEnd');
    expect(container.querySelectorAll('.drop-target')).toHaveLength(0);
    expect(rowNames(container)).toEqual(['A', 'B', 'C']);
  });

  it('something dragged in from outside never moves a row, even one whose own drag never ended', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    // A row's drag that never reported its end (the row was scrolled out of the window) …
    drag(rowByName(container, 'C'), 'DragStart');
    // … then a file dragged onto the list.
    const fromOutside = (element: HTMLElement, name: 'DragOver' | 'Drop') => {
      const type = `on${name.toLowerCase()}` in element ? name.toLowerCase() : name;
      const event = new Event(type, { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'dataTransfer', { value: { types: ['Files'] } });
      element.dispatchEvent(event);
    };
    fromOutside(rowByName(container, 'A'), 'DragOver');
    expect(container.querySelectorAll('.drop-target')).toHaveLength(0);
    fromOutside(rowByName(container, 'A'), 'Drop');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(rowNames(container)).toEqual(['A', 'B', 'C']);
    expect(await storedNames(popup as Popup)).toEqual(['A', 'B', 'C']);
  });

  it('pins an account to the top, and keeps it there after reopening', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    await action(rowByName(container, 'C'), 'pin');
    await waitFor(() => expect(rowNames(container)).toEqual(['C', 'A', 'B']));
    expect(rowByName(container, 'C').textContent).toContain('Vastgezet');
    await waitFor(async () => expect(await storedNames(popup as Popup)).toEqual(['C', 'A', 'B']));
    // A pinned account cannot be moved below unpinned ones.
    await press(rowButton(container, 'C'), 'ArrowDown', { altKey: true });
    expect(rowNames(container)).toEqual(['C', 'A', 'B']);
  });

  it('a refused move leaves no focus request behind: the next render does not pull the focus back', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    await action(rowByName(container, 'C'), 'pin');
    await waitFor(() => expect(rowNames(container)).toEqual(['C', 'A', 'B']));
    rowButton(container, 'C').focus();
    await press(rowButton(container, 'C'), 'ArrowDown', { altKey: true });
    // The user moves on; a later change re-renders the list.
    const elsewhere = document.createElement('input');
    document.body.append(elsewhere);
    elsewhere.focus();
    await action(rowByName(container, 'B'), 'pin');
    await waitFor(() => expect(rowNames(container)).toEqual(['B', 'C', 'A']));
    expect(document.activeElement).not.toBe(rowButton(container, 'C'));
    elsewhere.remove();
  });

  it('Enter copies once: a held key or Ctrl/Shift+Enter does nothing more', async () => {
    const { container } = await openPopup('A', 'B');
    const a = rowButton(container, 'A');
    a.focus();
    await press(a, 'Enter');
    await press(a, 'Enter', { repeat: true });
    await press(a, 'Enter', { ctrlKey: true });
    await press(a, 'Enter', { shiftKey: true });
    await waitFor(() => expect(popup?.writeText).toHaveBeenCalledTimes(1));
  });

  it('renames inline and stores the new name', async () => {
    const { container } = await openPopup('A', 'B');
    await action(rowByName(container, 'B'), 'rename');
    const input = byTestId<HTMLInputElement>(container, 'rename-input');
    expect(document.activeElement).toBe(input);
    await fill(input, '  Chrome plugin balie ');
    await submit(input.form as HTMLFormElement);
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'Chrome plugin balie']));
    await waitFor(async () =>
      expect(await storedNames(popup as Popup)).toEqual(['A', 'Chrome plugin balie']),
    );
  });

  it('cancels a rename with Escape', async () => {
    const { container } = await openPopup('A');
    await press(rowButton(container, 'A'), 'F2');
    const input = byTestId<HTMLInputElement>(container, 'rename-input');
    await fill(input, 'Other');
    await press(input, 'Escape');
    expect(container.querySelector('[data-testid="rename-input"]')).toBeNull();
    expect(rowNames(container)).toEqual(['A']);
    expect(document.activeElement).toBe(rowButton(container, 'A'));
  });

  it('asks before deleting, deletes, and undo puts it back with the same id and place', async () => {
    const { container } = await openPopup('A', 'B', 'C');
    const before = await (async () => {
      const vault = await (popup as Popup).reopen();
      const { accounts } = await vault.list();
      vault.close();
      return accounts;
    })();

    await action(rowByName(container, 'B'), 'delete');
    expect(container.textContent).toContain('‘B’ verwijderen?');
    expect(rowNames(container)).toEqual(['A', 'B', 'C']);
    await click(byTestId(container, 'confirm-delete'));
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'C']));
    // The focus went to the next row, not to the page's body.
    expect(document.activeElement).toBe(rowButton(container, 'C'));
    await waitFor(async () => expect(await storedNames(popup as Popup)).toEqual(['A', 'C']));
    const toast = byTestId(container, 'toast');
    expect(toast.textContent).toContain('‘B’ is verwijderd.');
    expect(toast.getAttribute('aria-live')).toBe('polite');

    await click(byTestId(toast, 'undo'));
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'B', 'C']));
    const vault = await (popup as Popup).reopen();
    const { accounts } = await vault.list();
    vault.close();
    expect(accounts.map((a) => a.id)).toEqual(before.map((a) => a.id));
    expect(accounts[1]).toEqual(before[1]);
    // The activity log (shared by this file's tests) keeps both, newest first, by the time the
    // row is back: a popup closed at once keeps them.
    expect((await readActivity()).slice(0, 2).map((e) => e.event)).toEqual([
      { kind: 'account-restored' },
      { kind: 'account-removed' },
    ]);
  });

  it('Ctrl+Z undoes a deletion from the row that took the focus; not while typing in the search field', async () => {
    // Six accounts left after the deletion: the search field shows.
    const { container } = await openPopup('A', 'B', 'C', 'D', 'E', 'F', 'G');
    await press(rowButton(container, 'B'), 'Delete');
    await click(byTestId(container, 'confirm-delete'));
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'C', 'D', 'E', 'F', 'G']));
    expect(byTestId(byTestId(container, 'toast'), 'undo').getAttribute('aria-keyshortcuts')).toBe(
      'Control+Z',
    );
    // In a text field Ctrl+Z is the field's own undo.
    await press(byTestId(container, 'search'), 'z', { ctrlKey: true });
    expect(byTestId(container, 'toast').querySelector('[data-testid="undo"]')).not.toBeNull();
    expect(rowNames(container)).toEqual(['A', 'C', 'D', 'E', 'F', 'G']);
    await press(rowButton(container, 'C'), 'z', { ctrlKey: true });
    await waitFor(() => expect(rowNames(container)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']));
    expect(await storedNames(popup as Popup)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    // Once: the toast is gone, and with it the shortcut.
    expect(byTestId(container, 'toast').querySelector('[data-testid="undo"]')).toBeNull();
    // With nothing to undo the key does nothing: not Chrome's own undo, which moves the focus
    // into the search field and puts back what was typed there before.
    const again = new KeyboardEvent('keydown', { key: 'z', ctrlKey: true, bubbles: true, cancelable: true });
    rowButton(container, 'C').dispatchEvent(again);
    expect(again.defaultPrevented).toBe(true);
    expect(rowNames(container)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
  });

  it('keeps the account when the deletion is cancelled', async () => {
    const { container } = await openPopup('A');
    await press(rowButton(container, 'A'), 'Delete');
    const cancel = byTestId(container, 'confirm-delete').nextElementSibling as HTMLElement;
    expect(document.activeElement).toBe(cancel);
    await click(cancel);
    expect(container.querySelector('[data-testid="confirm-delete"]')).toBeNull();
    expect(await storedNames(popup as Popup)).toEqual(['A']);
  });
});

describe('popup: two accounts of one service', () => {
  it('are named whole (service and account) by their buttons, menu and delete question, so they read apart', async () => {
    popup = await renderPopup([
      draft('', { issuer: 'Infomedics Inzicht', label: 'balie@praktijk.nl' }, SECRETS[0]),
      draft('', { issuer: 'Infomedics Inzicht', label: 'behandelkamer1@praktijk.nl' }, SECRETS[1]),
    ]);
    const { container } = popup;
    await waitFor(() => expect(allByTestId(container, 'account')).toHaveLength(2));
    // The big name line is the service's name in both; the details line tells them apart.
    expect(rowNames(container)).toEqual(['Infomedics Inzicht', 'Infomedics Inzicht']);
    const [balie, kamer] = allByTestId(container, 'account') as [HTMLElement, HTMLElement];
    expect(balie.querySelector('.account-details')?.textContent).toBe('balie@praktijk.nl');
    expect(byTestId(balie, 'fill').getAttribute('aria-label')).toBe(
      'Code van ‘Infomedics Inzicht: balie@praktijk.nl’ invullen op deze pagina',
    );
    expect(byTestId(kamer, 'fill').getAttribute('aria-label')).toBe(
      'Code van ‘Infomedics Inzicht: behandelkamer1@praktijk.nl’ invullen op deze pagina',
    );
    expect(byTestId(kamer, 'actions').getAttribute('aria-label')).toBe(
      'Acties voor Infomedics Inzicht: behandelkamer1@praktijk.nl',
    );
    // Hovering the names shows them whole, however narrow the row.
    expect(kamer.querySelector('.account-names')?.getAttribute('title')).toBe(
      'Infomedics Inzicht: behandelkamer1@praktijk.nl',
    );
    await action(kamer, 'delete');
    expect(container.textContent).toContain('‘Infomedics Inzicht: behandelkamer1@praktijk.nl’ verwijderen?');
  });
});
