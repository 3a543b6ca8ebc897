// @vitest-environment happy-dom
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { FillCodeMessage, FillCodeReply } from '../../../../extension/messages';
import {
  allByTestId,
  byTestId,
  click,
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

const PORTAL = 'https://portaal.example.nl';
let popup: Popup | undefined;
afterEach(() => {
  popup?.unmount();
  popup = undefined;
  vi.restoreAllMocks();
});

const accounts = [
  draft('Mail'),
  draft('Chrome plugin balie', { origins: [PORTAL] }, SECRETS[1]),
  draft('Bank'),
];

function worker(reply: FillCodeReply) {
  return vi.fn(async (_message: FillCodeMessage): Promise<FillCodeReply | undefined> => reply);
}

/** Clicks the fill button of the portal's account once its row is shown. */
async function clickFill(p: Popup): Promise<void> {
  await waitFor(() => rowButton(p.container, 'Chrome plugin balie'));
  await click(byTestId(rowByName(p.container, 'Chrome plugin balie'), 'fill'));
}

describe('the popup on the portal (issue 12)', () => {
  test("the site's account comes first, marked, and has the focus", async () => {
    const p = await renderPopup(accounts, T0, { site: PORTAL });
    popup = p;
    await waitFor(() => expect(rowNames(p.container)[0]).toBe('Chrome plugin balie'));
    expect(rowNames(p.container)).toEqual(['Chrome plugin balie', 'Mail', 'Bank']);
    expect(rowByName(p.container, 'Chrome plugin balie').dataset.match).toBe('site');
    expect(allByTestId(p.container, 'account').filter((r) => r.dataset.match === 'site')).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(rowButton(p.container, 'Chrome plugin balie')));
  });

  test('typing a search never moves the focus to a row, even when it leaves one account of the site', async () => {
    const many = [
      draft('Balie', { origins: [PORTAL] }),
      draft('Kamer 1', { origins: [PORTAL] }, SECRETS[1]),
      draft('Bank'),
      draft('Mail'),
      draft('Agenda'),
      draft('Declaraties'),
    ];
    const onFill = worker({ outcome: 'filled' });
    const p = await renderPopup(many, T0, { site: PORTAL, onFill });
    popup = p;
    await waitFor(() => expect(rowNames(p.container).slice(0, 2)).toEqual(['Balie', 'Kamer 1']));
    // Two accounts of the site: neither takes the focus.
    expect(document.activeElement === null || document.activeElement === document.body).toBe(true);
    const search = byTestId<HTMLInputElement>(p.container, 'search');
    search.focus();
    await fill(search, 'ba');
    await waitFor(() => expect(rowNames(p.container)).toEqual(['Balie', 'Bank']));
    expect(document.activeElement).toBe(search);
    // Nothing found, then everything again: still the search field.
    await fill(search, 'zzz');
    await fill(search, '');
    await waitFor(() => expect(rowNames(p.container)).toHaveLength(6));
    expect(document.activeElement).toBe(search);
    expect(onFill).not.toHaveBeenCalled();
  });

  test('the keyboard help read with each row says what its keys do here: fill on the site’s row, no moving', async () => {
    const p = await renderPopup(accounts, T0, { site: PORTAL });
    popup = p;
    await waitFor(() => expect(rowNames(p.container)[0]).toBe('Chrome plugin balie'));
    const hint = (name: string) => {
      const id = rowButton(p.container, name).getAttribute('aria-describedby') ?? '';
      return document.getElementById(id)?.textContent ?? '';
    };
    expect(hint('Chrome plugin balie')).toContain('Enter vult de code in');
    expect(hint('Chrome plugin balie')).not.toContain('kopieert');
    expect(hint('Mail')).toBe('Enter kopieert de code.');
    expect(`${hint('Chrome plugin balie')} ${hint('Mail')}`).not.toContain('verplaatst');
  });

  test('elsewhere the order is the usual one and nothing is marked or focused', async () => {
    const p = await renderPopup(accounts, T0, { site: 'https://webmail.example' });
    popup = p;
    await waitFor(() => expect(rowNames(p.container)).toEqual(['Mail', 'Chrome plugin balie', 'Bank']));
    expect(allByTestId(p.container, 'account').some((r) => r.dataset.match !== undefined)).toBe(false);
  });

  test('Enter on the matched row fills (the worker is asked for that account), and the popup closes', async () => {
    const onFill = worker({ outcome: 'filled' });
    const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await waitFor(() => expect(document.activeElement).toBe(rowButton(p.container, 'Chrome plugin balie')));
    await press(rowButton(p.container, 'Chrome plugin balie'), 'Enter');
    const id = rowByName(p.container, 'Chrome plugin balie').dataset.id;
    await waitFor(() =>
      expect(onFill).toHaveBeenCalledWith({
        type: 'fill-code',
        accountId: id,
        confirmed: false,
        rememberSite: false,
      }),
    );
    await waitFor(() => expect(close).toHaveBeenCalled());
    expect(p.writeText).not.toHaveBeenCalled();
  });

  test('Enter on another row still copies; its fill button fills', async () => {
    const onFill = worker({ outcome: 'filled' });
    vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await waitFor(() => rowButton(p.container, 'Mail'));
    await press(rowButton(p.container, 'Mail'), 'Enter');
    await waitFor(() => expect(p.writeText).toHaveBeenCalledWith(expectedTotp(SECRETS[0], T0)));
    expect(onFill).not.toHaveBeenCalled();
    await click(byTestId(rowByName(p.container, 'Mail'), 'fill'));
    await waitFor(() => expect(onFill).toHaveBeenCalledTimes(1));
  });

  test('another site: the confirmation names both sites; nothing more is sent until "Toch invullen"', async () => {
    const onFill = vi.fn(
      async (message: FillCodeMessage): Promise<FillCodeReply> =>
        message.confirmed
          ? { outcome: 'filled' }
          : { outcome: 'confirm', site: 'https://portaal-login.example', accountSites: [PORTAL] },
    );
    vi.spyOn(window, 'close').mockImplementation(() => undefined);
    const p = await renderPopup(accounts, T0, { site: 'https://portaal-login.example', onFill });
    popup = p;
    await clickFill(p);
    const accept = await waitFor(() => byTestId(p.container, 'fill-confirm'));
    const dialog = accept.closest('[role="alertdialog"]');
    expect(dialog?.querySelector('h2')?.textContent).toBe('Code invullen op deze website?');
    expect(dialog?.textContent).toContain('portaal.example.nl');
    expect(dialog?.textContent).toContain('U bent nu op portaal-login.example.');
    expect(onFill).toHaveBeenCalledTimes(1);
    // The safe choice has the focus: Enter cancels.
    await waitFor(() => expect(document.activeElement?.textContent).toBe('Annuleren'));
    await click(accept);
    await waitFor(() =>
      expect(onFill).toHaveBeenLastCalledWith(
        expect.objectContaining({ confirmed: true, confirmedSite: 'https://portaal-login.example' }),
      ),
    );
  });

  test.each([
    [
      'the same host over http',
      'http://portaal.example.nl',
      ['http://portaal.example.nl', 'https://portaal.example.nl'],
      true,
    ],
    [
      'another https site',
      'https://portaal-login.example',
      ['portaal-login.example', 'portaal.example.nl'],
      false,
    ],
  ])(
    'the confirmation on %s names the sites so the difference shows',
    async (_what, site, shown, insecure) => {
      const onFill = worker({ outcome: 'confirm', site, accountSites: [PORTAL] });
      const p = await renderPopup(accounts, T0, { site, onFill });
      popup = p;
      await clickFill(p);
      const dialog = (await waitFor(() => byTestId(p.container, 'fill-confirm'))).closest(
        '[role="alertdialog"]',
      );
      for (const text of shown) expect(dialog?.textContent).toContain(text);
      expect(dialog?.textContent?.includes('geen beveiligde verbinding')).toBe(insecure);
    },
  );

  test('the question names the account in full, so one of two accounts of a service is told apart', async () => {
    const onFill = worker({ outcome: 'confirm', site: PORTAL, accountSites: [] });
    const p = await renderPopup([draft('', { issuer: 'Infomedics Inzicht', label: 'balie' })], T0, {
      site: PORTAL,
      onFill,
    });
    popup = p;
    await click(await waitFor(() => byTestId(p.container, 'fill')));
    const dialog = (await waitFor(() => byTestId(p.container, 'fill-confirm'))).closest(
      '[role="alertdialog"]',
    );
    expect(dialog?.textContent).toContain('Infomedics Inzicht: balie');
  });

  test('an account with no website yet: the question does not call the page “another website”', async () => {
    const onFill = worker({ outcome: 'confirm', site: PORTAL, accountSites: [] });
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    const dialog = (await waitFor(() => byTestId(p.container, 'fill-confirm'))).closest(
      '[role="alertdialog"]',
    );
    expect(dialog?.querySelector('h2')?.textContent).toBe('Code invullen op deze website?');
    expect(dialog?.textContent).toContain('is nog aan geen website gekoppeld');
    expect(dialog?.textContent).not.toMatch(/andere website/i);
  });

  test('the second click of a double click neither confirms the question nor fills another account', async () => {
    const onFill = worker({ outcome: 'confirm', site: 'https://x.example', accountSites: [] });
    const p = await renderPopup(accounts, T0, { site: 'https://x.example', onFill });
    popup = p;
    await clickFill(p);
    const accept = await waitFor(() => byTestId(p.container, 'fill-confirm'));
    // The question has moved the list down: the second click lands on the question's own button,
    // or on another row's fill button. The browser counts it as click 2 wherever it lands.
    const secondClick = (element: Element) =>
      act(() => {
        element.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, detail: 2 }));
      });
    await secondClick(accept);
    await secondClick(byTestId(rowByName(p.container, 'Bank'), 'fill'));
    expect(onFill).toHaveBeenCalledTimes(1);
    expect(p.container.querySelector('[data-testid="fill-confirm"]')).not.toBeNull();
    // Nor does it tick "remember this site" (the label spans the question's width).
    const remember = p.container.querySelector<HTMLInputElement>('input[name="remember-site"]');
    if (remember === null) throw new Error('no remember-site');
    await secondClick(remember.closest('label') ?? remember);
    expect(remember.checked).toBe(false);
    // A click of its own still confirms.
    await click(accept);
    await waitFor(() =>
      expect(onFill).toHaveBeenLastCalledWith(
        expect.objectContaining({ confirmed: true, rememberSite: false }),
      ),
    );
    expect(onFill).toHaveBeenCalledTimes(2);
  });

  test('cancelling the confirmation fills nothing', async () => {
    const onFill = worker({ outcome: 'confirm', site: 'https://x.example', accountSites: [PORTAL] });
    const p = await renderPopup(accounts, T0, { site: 'https://x.example', onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() => byTestId(p.container, 'fill-confirm'));
    const cancel = Array.from(p.container.querySelectorAll('button')).find(
      (b) => b.textContent === 'Annuleren',
    );
    if (cancel === undefined) throw new Error('no Annuleren');
    await click(cancel);
    expect(p.container.querySelector('[data-testid="fill-confirm"]')).toBeNull();
    expect(onFill).toHaveBeenCalledTimes(1);
    // The focus goes back to the row's fill button, not to the page's body.
    expect(document.activeElement).toBe(byTestId(rowByName(p.container, 'Chrome plugin balie'), 'fill'));
  });

  test.each([
    ['another site', [PORTAL], 'hoort bij'],
    ['an account with no website yet', [], 'is nog aan geen website gekoppeld'],
  ])(
    'fillOnlyOnAccountSites on %s: a message instead of the question; no way to fill or to add the site',
    async (_what, accountSites, belongs) => {
      const site = 'https://portaal-login.example';
      const onFill = worker({ outcome: 'confirm', site, accountSites, onlyAccountSites: true });
      const p = await renderPopup(accounts, T0, { site, onFill });
      popup = p;
      await clickFill(p);
      const message = await waitFor(() => byTestId(p.container, 'fill-only-account-sites'));
      const dialog = message.closest('[role="alertdialog"]');
      expect(dialog?.querySelector('h2')?.textContent).toBe('Invullen niet toegestaan op deze website');
      expect(message.textContent).toContain(belongs);
      expect(message.textContent).toContain(
        'U bent nu op portaal-login.example. Uw organisatie staat invullen alleen toe op de eigen websites van het account. U kunt de code wel zelf kopiëren.',
      );
      expect(p.container.querySelector('[data-testid="fill-confirm"]')).toBeNull();
      expect(p.container.querySelector('input[name="remember-site"]')).toBeNull();
      expect(dialog?.textContent).not.toContain('Toch invullen');
      // Only a way out, and it has the focus.
      const buttons = Array.from(dialog?.querySelectorAll('button') ?? []);
      expect(buttons.map((b) => b.textContent)).toEqual(['Sluiten']);
      await waitFor(() => expect(document.activeElement).toBe(buttons[0]));
      if (buttons[0] !== undefined) await click(buttons[0]);
      expect(p.container.querySelector('[data-testid="fill-only-account-sites"]')).toBeNull();
      expect(onFill).toHaveBeenCalledTimes(1);
    },
  );

  test('with 3 s or less left the popup says the next code is coming while the worker waits for it', async () => {
    const onFill = vi.fn(() => new Promise<FillCodeReply>(() => undefined));
    const p = await renderPopup(accounts, T0 + 28_000, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() => expect(p.container.textContent).toContain('de volgende wordt ingevuld'));
    expect(onFill).toHaveBeenCalledTimes(1);
  });

  test('with more time left nothing is said before the fill', async () => {
    const onFill = vi.fn(() => new Promise<FillCodeReply>(() => undefined));
    const p = await renderPopup(accounts, T0 + 20_000, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() => expect(onFill).toHaveBeenCalledTimes(1));
    expect(p.container.textContent).not.toContain('de volgende wordt ingevuld');
  });

  test('a page without a code field: the code is copied and the popup says so', async () => {
    const onFill = worker({ outcome: 'no-field' });
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() => expect(p.writeText).toHaveBeenCalledWith(expectedTotp(SECRETS[1], T0)));
    await waitFor(() => expect(p.container.textContent).toContain('Geen codeveld gevonden'));
    // The code is on the clipboard by now: the one step left is pasting it.
    expect(p.container.textContent).toContain(
      'Klik in het codeveld en plak de code (Ctrl+V, op een Mac ⌘V).',
    );
  });

  test('a page with several possible code fields: the code is copied and the popup says why', async () => {
    const onFill = worker({ outcome: 'no-field', several: true });
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() => expect(p.writeText).toHaveBeenCalledWith(expectedTotp(SECRETS[1], T0)));
    await waitFor(() => expect(p.container.textContent).toContain('meerdere velden'));
    expect(p.container.textContent).toContain(
      'Klik in het juiste veld en plak de code (Ctrl+V, op een Mac ⌘V).',
    );
    expect(p.container.textContent).not.toContain('Geen codeveld');
  });

  test('a locked vault or a protected page: a message, no copy', async () => {
    const onFill = worker({ outcome: 'refused', reason: 'forbidden' });
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await waitFor(() => rowButton(p.container, 'Mail'));
    await click(byTestId(rowByName(p.container, 'Mail'), 'fill'));
    await waitFor(() => expect(p.container.textContent).toContain('kan niets worden ingevuld'));
    // Nothing copied: it says how (a click on the row copies its code).
    expect(p.container.textContent).toContain('Klik op de code om hem te kopiëren');
    expect(p.writeText).not.toHaveBeenCalled();
  });

  test('the tab went to another site before the code was ready: it says so, and copies nothing for that page', async () => {
    const onFill = worker({ outcome: 'refused', reason: 'moved' });
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() =>
      expect(p.container.textContent).toContain(
        'Er is niets ingevuld: de pagina veranderde voordat de code klaar was.',
      ),
    );
    expect(p.container.textContent).not.toContain('plak');
    expect(p.writeText).not.toHaveBeenCalled();
  });

  test('the policy requires a passphrase that is not set: it says so, nothing is copied', async () => {
    const onFill = worker({ outcome: 'refused', reason: 'passphrase-required' });
    const p = await renderPopup(accounts, T0, { site: PORTAL, onFill });
    popup = p;
    await clickFill(p);
    await waitFor(() => expect(p.container.textContent).toContain('vereist eerst een wachtwoordzin'));
    expect(p.container.textContent).toContain('Stel die in bij ‘Instellingen’ → ‘Vergrendeling’.');
    expect(p.writeText).not.toHaveBeenCalled();
  });

  /** The fill command's notice: no field on the portal, copy "Chrome plugin balie" (named by id: the popup learns it once the list is read). */
  const noFieldOnPortal = async (container: HTMLElement) => ({
    reason: 'no-field' as const,
    copyAccountId: await waitFor(() => rowByName(container, 'Chrome plugin balie').dataset.id as string),
    site: PORTAL,
    at: Date.now(),
  });

  test('opened by the fill command after it found no field: it copies that account and says so', async () => {
    const p = await renderPopup(accounts, T0, {
      site: PORTAL,
      fillNotice: noFieldOnPortal,
    });
    popup = p;
    await waitFor(() => expect(p.writeText).toHaveBeenCalledWith(expectedTotp(SECRETS[1], T0)));
    await waitFor(() => expect(p.container.textContent).toContain('Geen codeveld gevonden'));
  });

  test('that notice opened on another tab: nothing is copied, nothing said about a field', async () => {
    const p = await renderPopup(accounts, T0, {
      site: 'https://webmail.example',
      fillNotice: noFieldOnPortal,
    });
    popup = p;
    await waitFor(() => expect(rowNames(p.container)).toHaveLength(3));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(p.writeText).not.toHaveBeenCalled();
    expect(p.container.textContent).not.toContain('Geen codeveld');
  });

  test('opened by the fill command on a page Chrome protects: it says nothing can be filled there', async () => {
    const p = await renderPopup(accounts, T0, {
      site: undefined,
      fillNotice: async () => ({ reason: 'forbidden', at: Date.now() }),
    });
    popup = p;
    await waitFor(() => expect(p.container.textContent).toContain('kan niets worden ingevuld'));
    // Nothing copied: it says how (a click on the row copies its code).
    expect(p.container.textContent).toContain('Klik op de code om hem te kopiëren');
    expect(p.writeText).not.toHaveBeenCalled();
  });

  test('opened by the fill command with none or several accounts for the page: it asks to choose', async () => {
    const p = await renderPopup(accounts, T0, {
      site: 'https://webmail.example',
      fillNotice: async () => ({ reason: 'choose', at: Date.now() }),
    });
    popup = p;
    await waitFor(() => expect(p.container.textContent).toContain('Kies het account'));
    expect(p.writeText).not.toHaveBeenCalled();
  });
});
