// @vitest-environment happy-dom
import { afterEach, expect, test } from 'vitest';
import {
  byTestId,
  click,
  draft,
  fill,
  type Popup,
  renderPopup,
  rowByName,
  submit,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => {
  popup?.unmount();
  popup = undefined;
});

/** The one element `selector` finds (the test fails when there is none). */
function one<E extends Element = HTMLElement>(root: ParentNode, selector: string): E {
  const element = root.querySelector<E>(selector);
  if (element === null) throw new Error(`nothing matches ${selector}`);
  return element;
}

async function openSites(container: HTMLElement, name: string) {
  const row = await waitFor(() => rowByName(container, name));
  await click(byTestId(row, 'actions'));
  await click(byTestId(row, 'edit-sites'));
  return byTestId(row, 'account-origins');
}

async function originsOf(p: Popup, id: string) {
  const vault = await p.reopen();
  try {
    return (await vault.get(id))?.origins;
  } finally {
    vault.close();
  }
}

// Issue 12: an account's websites are shown, editable, several allowed.
test("an account's websites are listed, one can be added and removed, and they stay in the vault", async () => {
  const p = await renderPopup([draft('Portaal', { origins: ['https://portaal.example.nl'] })]);
  popup = p;
  const editor = await openSites(p.container, 'Portaal');
  expect(editor.textContent).toContain('https://portaal.example.nl');
  // The example address is the catalogue's, like the rest of the editor (en: portal.example.com).
  expect(one(editor, 'input[name="origin"]').getAttribute('placeholder')).toBe('portaal.voorbeeld.nl');
  await fill(one(editor, 'input[name="origin"]'), 'acceptatie.portaal.example.nl/login');
  await submit(one<HTMLFormElement>(editor, 'form'));
  const id = rowByName(p.container, 'Portaal').dataset.id as string;
  await waitFor(async () =>
    expect(await originsOf(p, id)).toEqual([
      'https://portaal.example.nl',
      'https://acceptatie.portaal.example.nl',
    ]),
  );
  const again = byTestId(rowByName(p.container, 'Portaal'), 'account-origins');
  await click(one(again, 'button[aria-label="https://portaal.example.nl verwijderen"]'));
  await waitFor(async () =>
    expect(await originsOf(p, id)).toEqual(['https://acceptatie.portaal.example.nl']),
  );
});

test('no web address, or one already there: a message, nothing saved, the text kept', async () => {
  const p = await renderPopup([draft('Portaal', { origins: ['https://portaal.example.nl'] })]);
  popup = p;
  const editor = await openSites(p.container, 'Portaal');
  await fill(one(editor, 'input[name="origin"]'), 'geen adres');
  await submit(one<HTMLFormElement>(editor, 'form'));
  expect(one(editor, '[role="alert"]').textContent).toContain('Vul een webadres in');
  await fill(one(editor, 'input[name="origin"]'), 'https://portaal.example.nl/x');
  await submit(one<HTMLFormElement>(editor, 'form'));
  expect(one(editor, '[role="alert"]').textContent).toContain('staat er al');
  expect(one<HTMLInputElement>(editor, 'input[name="origin"]').value).toBe('https://portaal.example.nl/x');
  const id = rowByName(p.container, 'Portaal').dataset.id as string;
  expect(await originsOf(p, id)).toEqual(['https://portaal.example.nl']);
});
