// @vitest-environment happy-dom
import { type JSX, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { lastScan } from '../../../../extension/last-scan';
import type { FillCodeMessage, FillCodeReply } from '../../../../extension/messages';
import type { Account, AccountNames } from '../../../../extension/otp';
import { AccountRow, type RowHandlers } from '../../../../extension/popup/components/account-row';
import { FillConfirm } from '../../../../extension/popup/components/fill-confirm';
import { SitesEditor } from '../../../../extension/popup/components/sites-editor';
import { scanResultText } from '../../../../extension/popup/scan-result-text';
import { installChromeI18n } from './chrome-i18n';
import { byTestId, click, draft, type Popup, renderPopup, rowByName, T0, waitFor } from './popup-fixtures';

// Names come from QR codes on any page and from other apps' files: a right-to-left override
// (U+202E) or right-to-left letters in one must not reorder the sentence or the row around it.
const FSI = '\u2068';
const PDI = '\u2069';
const RLO = '\u202e';
const HEBREW = 'בנק';
const PORTAL = 'https://portaal.example.nl';

let popup: Popup | undefined;
let container: HTMLElement | undefined;
afterEach(() => {
  popup?.unmount();
  popup = undefined;
  if (container !== undefined) render(null, container);
  container?.remove();
  container = undefined;
  vi.restoreAllMocks();
});

async function mount(element: JSX.Element): Promise<HTMLElement> {
  installChromeI18n('nl');
  container = document.createElement('div');
  document.body.append(container);
  const into = container;
  await act(() => render(element, into));
  return into;
}

/** An account as a version before the vault cleaned names may have stored it. */
const stored = (names: Partial<AccountNames>): Account => ({
  ...draft('x'),
  id: 'old',
  pinned: false,
  order: 0,
  createdAt: T0,
  ...names,
});

const noHandlers: RowHandlers = {
  copy: () => {},
  fill: () => {},
  update: () => {},
  remove: async () => false,
  move: () => {},
  focusSibling: () => {},
  focusEdge: () => {},
};

describe('a row', () => {
  test('shows the name, the issuer and the label each in an isolate of its own; the text reads as before', async () => {
    popup = await renderPopup([draft('Balie', { issuer: HEBREW, label: 'bob' })]);
    const row = await waitFor(() => rowByName(popup?.container ?? document, 'Balie'));
    const name = byTestId(row, 'account-name');
    expect(name.tagName).toBe('BDI');
    expect(name.getAttribute('dir')).toBe('auto');
    const details = row.querySelector('.account-details');
    expect(Array.from(details?.querySelectorAll('bdi') ?? [], (part) => part.textContent)).toEqual([
      HEBREW,
      'bob',
    ]);
    expect(details?.textContent).toBe(`${HEBREW} · bob`);
    // The fill button's tooltip is a sentence with the name in it: a left-to-right name stays as
    // it is there, a right-to-left one is isolated.
    expect(byTestId(row, 'fill').getAttribute('title')).toBe('Code van ‘Balie’ invullen op deze pagina');
    expect(byTestId(row, 'actions').getAttribute('aria-label')).toBe('Acties voor Balie');
  });

  test('a right-to-left name is isolated in the sentences of its row', async () => {
    popup = await renderPopup([draft(HEBREW)]);
    const row = await waitFor(() => rowByName(popup?.container ?? document, HEBREW));
    expect(byTestId(row, 'fill').getAttribute('title')).toBe(
      `Code van ‘${FSI}${HEBREW}${PDI}’ invullen op deze pagina`,
    );
    expect(byTestId(row, 'actions').getAttribute('aria-label')).toBe(`Acties voor ${FSI}${HEBREW}${PDI}`);
  });

  test('of an account stored with a U+202E shows the name without it, so it cannot reverse what follows', async () => {
    const root = await mount(
      <ul>
        <AccountRow
          account={stored({ name: `${RLO}ln.knab`, issuer: `a${PDI}${RLO}b` })}
          position={1}
          setSize={1}
          canMoveUp={false}
          canMoveDown={false}
          reorderable={false}
          matched={false}
          handlers={noHandlers}
        />
      </ul>,
    );
    expect(byTestId(root, 'account-name').textContent).toBe('ln.knab');
    expect(root.innerHTML).not.toContain(RLO);
    expect(byTestId(root, 'fill').getAttribute('title')).toBe('Code van ‘ln.knab’ invullen op deze pagina');
  });
});

describe('the fill confirmation', () => {
  test('isolates the name and every site in its sentences', async () => {
    const onFill = vi.fn(
      async (_message: FillCodeMessage): Promise<FillCodeReply | undefined> => ({
        outcome: 'confirm',
        site: 'https://bank.example',
        accountSites: [PORTAL],
      }),
    );
    popup = await renderPopup([draft(HEBREW, { origins: [PORTAL] })], T0, {
      site: 'https://bank.example',
      onFill,
    });
    const row = await waitFor(() => rowByName(popup?.container ?? document, HEBREW));
    await click(byTestId(row, 'fill'));
    const question = await waitFor(() => byTestId(popup?.container ?? document, 'fill-confirm'));
    const text = question.closest('[role="alertdialog"]')?.querySelector('#fill-confirm-text')?.textContent;
    expect(text).toContain(`‘${FSI}${HEBREW}${PDI}’ hoort bij portaal.example.nl.`);
    expect(text).toContain('U bent nu op bank.example.');
  });

  test('of a name with a U+202E: the override is dropped, the sentence reads as written', async () => {
    const root = await mount(
      <FillConfirm
        name={`${RLO}ln.knab`}
        site="https://bank.nl"
        accountSites={[]}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
    );
    expect(root.querySelector('#fill-confirm-text')?.textContent).toBe(
      '‘ln.knab’ is nog aan geen website gekoppeld. U bent nu op bank.nl. ' +
        'Vul de code alleen in als u deze website vertrouwt: een nagemaakte inlogpagina lijkt op het echte portaal, maar heeft een ander adres.',
    );
    expect(root.textContent).toContain('Onthoud bank.nl voor dit account');
    expect(root.innerHTML).not.toContain(RLO);
  });
});

describe('other places that name an account or a site', () => {
  test('the scan result isolates each right-to-left name of a list from the others and from the sentence', () => {
    installChromeI18n('nl');
    const [line] = scanResultText(
      lastScan({ status: 'duplicate', names: [`${RLO}A`, HEBREW], skipped: 0, foundOutsideSelection: false }),
    );
    expect(line).toBe(`‘A, ${FSI}${HEBREW}${PDI}’ staat al in uw lijst; er is niets dubbel opgeslagen.`);
    const [added] = scanResultText(
      lastScan({ status: 'added', names: [HEBREW], ids: ['1'], skipped: 0, foundOutsideSelection: false }),
    );
    expect(added).toBe(`‘${FSI}${HEBREW}${PDI}’ is toegevoegd.`);
  });

  test('the sites editor shows each site in its own element and names the account isolated', async () => {
    const root = await mount(
      <SitesEditor
        name={HEBREW}
        origins={[PORTAL]}
        onAdd={() => {}}
        onRemove={() => {}}
        onClose={() => {}}
      />,
    );
    const site = root.querySelector('[data-origin] .site');
    expect(site?.tagName).toBe('BDI');
    expect(site?.textContent).toBe(PORTAL);
    expect(byTestId(root, 'account-origins').getAttribute('aria-label')).toBe(
      `Websites van ‘${FSI}${HEBREW}${PDI}’`,
    );
  });
});
