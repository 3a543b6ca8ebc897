// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { type LastScan, lastScan } from '../../../../extension/last-scan';
import { byTestId, draft, type Popup, renderPopup, waitFor } from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => {
  popup?.unmount();
  popup = undefined;
});

/** For waitFor, which retries until its check stops throwing. */
function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('not yet');
  return value;
}

const scan = lastScan;
/** Found in the selection; for stored results, nothing skipped. */
const found = { foundOutsideSelection: false } as const;
const storedScan = { ...found, skipped: 0 } as const;

async function resultText(last: LastScan): Promise<string> {
  popup = await renderPopup([], undefined, { lastScan: async () => last });
  const section = await waitFor(() => byTestId(popup?.container as HTMLElement, 'scan-result'));
  return section.textContent ?? '';
}

/** Clicks the scan result's “Naam wijzigen”; the name field it opens. */
async function openRename(): Promise<HTMLInputElement> {
  const button = await waitFor(() =>
    must(popup?.container.querySelector<HTMLButtonElement>('[data-testid="scan-rename"]')),
  );
  expect(button.textContent).toBe('Naam wijzigen');
  await act(() => button.click());
  return must(popup?.container.querySelector<HTMLInputElement>('#scan-name'));
}

describe('the result of a scan made while the popup was closed', () => {
  test.each([
    [scan({ status: 'no-qr' }), 'Geen QR-code gevonden'],
    [
      scan({ status: 'not-otp', content: { kind: 'url', host: 'example.com' }, ...found }),
      'niet voor een authenticator maar een webadres (example.com). Scan de QR-code die het portaal toont na ‘Voeg authenticator toe’ → ‘Ga naar stap 2’.',
    ],
    [scan({ status: 'not-otp', content: { kind: 'text' }, ...found }), 'maar bevat gewone tekst'],
    [
      scan({ status: 'invalid', error: 'missing-secret', ...found }),
      'onvolledig of beschadigd. Maak in het portaal een nieuwe QR-code (‘Voeg authenticator toe’) of vraag de afzender om een nieuwe.',
    ],
    [scan({ status: 'invalid', error: 'unknown-type', ...found }), 'onvolledig of beschadigd.'],
    [
      scan({ status: 'invalid', error: 'label-too-long', ...found }),
      'De naam in deze QR-code is langer dan 200 tekens; daarom is niets toegevoegd. Staat er een sleutel bij de QR-code? Voeg het account dan toe met die sleutel (‘Account toevoegen met een sleutel’) en een kortere naam.',
    ],
    [scan({ status: 'invalid', error: 'issuer-too-long', ...found }), 'langer dan 200 tekens'],
    [
      scan({ status: 'invalid', error: 'bad-migration', ...found }),
      'onvolledig of beschadigd. Maak in het portaal een nieuwe QR-code (‘Voeg authenticator toe’) of vraag de afzender om een nieuwe.',
    ],
    [
      scan({ status: 'unusable', skipped: 2, ...found }),
      'Geen enkel account uit deze export kan worden gebruikt.',
    ],
    [scan({ status: 'capture-failed' }), 'Chrome kon geen afbeelding van het tabblad maken'],
    [
      scan({ status: 'vault-failed', ...found }),
      'uw accounts konden niet worden geopend; er is niets opgeslagen',
    ],
    [
      scan({ status: 'held', count: 1, ...found }),
      'Voer de wachtwoordzin in: daarna wordt het account opgeslagen.',
    ],
    [
      scan({ status: 'not-started', reason: 'forbidden' }),
      'Op deze pagina laat Chrome geen extensies meekijken',
    ],
    [scan({ status: 'not-started', reason: 'no-tab' }), 'Er is geen tabblad om te scannen.'],
    [scan({ status: 'not-started', reason: 'failed' }), 'Scannen kon niet worden gestart.'],
    [
      scan({ status: 'duplicate', names: ['Demo Portaal: demo'], ...storedScan }),
      '‘Demo Portaal: demo’ staat al in uw lijst',
    ],
    [
      scan({ status: 'added', names: ['a', 'b', 'c'], ids: ['1', '2', '3'], ...storedScan, skipped: 1 }),
      '3 accounts zijn toegevoegd.',
    ],
    [
      scan({ status: 'added', names: ['a', 'b'], ids: ['1', '2'], ...storedScan, skipped: 1 }),
      '1 account uit de export kon niet worden gebruikt',
    ],
    [
      scan({ status: 'added', names: ['a', 'b'], ids: ['1', '2'], ...storedScan, skipped: 2 }),
      '2 accounts uit de export konden niet worden gebruikt',
    ],
    [
      scan({
        status: 'added',
        names: ['a', 'b'],
        ids: ['1', '2'],
        ...storedScan,
        skipped: 1,
        skippedLongNames: 1,
      }),
      '1 account uit de export kon niet worden gebruikt: de naam is langer dan 200 tekens.',
    ],
    // One account (a portal's QR code): the manual's next step, in the portal.
    [
      scan({ status: 'added', names: ['x'], ids: ['1'], ...storedScan }),
      '‘x’ is toegevoegd.Nog één stap: vul de code van het account hieronder in het portaal in (typ hem over of klik op ‘Invullen’) en klik daar op ‘Opslaan’. Pas dan is de authenticator gekoppeld.',
    ],
    [
      scan({ status: 'added', names: ['x'], ids: ['1'], ...storedScan, foundOutsideSelection: true }),
      'In uw selectie stond geen hele, leesbare QR-code; de QR-code op de pagina is gebruikt.',
    ],
    // Which website the account now belongs to (filling there asks nothing), or why none.
    [
      scan({ status: 'added', names: ['x'], ids: ['1'], ...storedScan, site: 'https://portaal.example.nl' }),
      'Website van dit account: portaal.example.nl. Daar vult Authenticator de code in zonder het eerst te vragen.',
    ],
    [
      scan({ status: 'added', names: ['x'], ids: ['1'], ...storedScan, site: 'http://localhost:8080' }),
      'Website van dit account: http://localhost:8080.',
    ],
    [
      scan({ status: 'added', names: ['x'], ids: ['1'], ...storedScan, foundOutsideSelection: true }),
      'Omdat de QR-code buiten uw selectie stond, is deze website niet aan het account gekoppeld.',
    ],
  ])('#%# says what happened', async (last, expected) => {
    expect(await resultText(last)).toContain(expected);
  });

  test('several accounts from an export: no portal step (an export has none), nothing to rename here', async () => {
    const text = await resultText(
      scan({ status: 'added', names: ['a', 'b'], ids: ['1', '2'], ...storedScan }),
    );
    expect(text).toContain('2 accounts zijn toegevoegd.');
    expect(text).not.toContain('in het portaal');
    expect(popup?.container.querySelector('[data-testid="scan-rename"]')).toBeNull();
  });

  test('the name field opens on “Naam wijzigen”, takes the focus and says what a good name is', async () => {
    await resultText(scan({ status: 'added', names: ['x'], ids: ['1'], ...storedScan }));
    // Closed at first: the box stays short, so the code to type stays in view below it.
    expect(popup?.container.querySelector('#scan-name')).toBeNull();
    const input = await openRename();
    expect(document.activeElement).toBe(input);
    expect(popup?.container.querySelector('[data-testid="scan-rename"]')).toBeNull();
    const hint = must(document.getElementById(input.getAttribute('aria-describedby') ?? ''));
    expect(hint.textContent).toBe(
      'Bijvoorbeeld dezelfde naam als in het portaal, zoals ‘Chrome plugin balie’.',
    );
    // Not the portal's "Opslaan", which the sentence above tells the user to click there.
    expect(input.form?.querySelector('button[type="submit"]')?.textContent).toBe('Naam opslaan');
  });

  test('a single added account can be named at once, and the name is stored', async () => {
    let deliver: (scan: LastScan) => void = () => {};
    const pending = new Promise<LastScan>((resolve) => {
      deliver = resolve;
    });
    popup = await renderPopup([draft('', { issuer: 'Demo Portaal', label: 'demo', name: '' })], undefined, {
      lastScan: () => pending,
    });
    const vault = await popup.reopen();
    const [account] = (await vault.list()).accounts;
    vault.close();
    if (!account) throw new Error('no account');
    await act(() =>
      deliver(scan({ status: 'added', names: ['Demo Portaal: demo'], ids: [account.id], ...storedScan })),
    );

    const input = await openRename();
    expect(input.value).toBe('Demo Portaal: demo');
    await act(() => {
      input.value = 'Chrome plugin balie';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await act(() => input.form?.requestSubmit());
    const stored = await waitFor(async () => {
      const reopened = await popup?.reopen();
      const found = await reopened?.get(account.id);
      reopened?.close();
      return must(found?.name === 'Chrome plugin balie' ? found : null);
    });
    expect(stored.name).toBe('Chrome plugin balie');
    await waitFor(() => must(popup?.container.querySelector('[data-testid="scan-result"]') === null || null));
    // The renamed row has the focus (its code is typed into the portal next), not the scan button:
    // found by an accessibility review.
    const row = popup.container.querySelector(`[data-testid="account"][data-id="${account.id}"]`);
    await waitFor(() => expect(document.activeElement).toBe(row?.querySelector('.row-copy')));
  });
});

// Found by an accessibility review: the box is there with its text as the popup opens, and a live
// region says only what changes in it, so no screen reader said "Nog één stap".
test('what the scan did is also put into an empty live region a moment after the popup opens', async () => {
  const last = scan({ status: 'added', names: ['Demo Portaal: demo'], ids: ['x'], ...storedScan });
  popup = await renderPopup([], undefined, { lastScan: async () => last });
  const spoken = await waitFor(() => byTestId(popup?.container as HTMLElement, 'scan-result-spoken'));
  expect(spoken.getAttribute('role')).toBe('status');
  // Empty as it appears, then the text comes in: that change is what a screen reader says.
  expect(spoken.textContent).toBe('');
  await waitFor(() => expect(spoken.textContent).toContain('Nog één stap'));
  expect(spoken.textContent).toContain('‘Demo Portaal: demo’');
  // The box's own text is as before.
  expect(byTestId(popup.container, 'scan-result').textContent).toContain('Nog één stap');
});

test('a failed scan is said once: its box is an alert, said as it appears, with no second copy', async () => {
  const failed = scan({ status: 'no-qr', ...found });
  popup = await renderPopup([], undefined, { lastScan: async () => failed });
  const section = await waitFor(() => byTestId(popup?.container as HTMLElement, 'scan-result'));
  expect(section.getAttribute('role')).toBe('alert');
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(popup.container.querySelector('[data-testid="scan-result-spoken"]')).toBeNull();
});

test('the account a scan added has the focus, so Enter copies the code the portal asks for next', async () => {
  let deliver: (scan: LastScan) => void = () => {};
  const pending = new Promise<LastScan>((resolve) => {
    deliver = resolve;
  });
  popup = await renderPopup([draft('Eerder'), draft('Ook eerder'), draft('Chrome plugin balie')], undefined, {
    lastScan: () => pending,
  });
  const vault = await popup.reopen();
  const added = (await vault.list()).accounts.find((a) => a.name === 'Chrome plugin balie');
  vault.close();
  if (!added) throw new Error('no account');
  await act(() => deliver(scan({ status: 'added', names: [added.name], ids: [added.id], ...storedScan })));
  await waitFor(() => byTestId(popup?.container as HTMLElement, 'scan-result'));
  const row = popup.container.querySelector(`[data-testid="account"][data-id="${added.id}"]`);
  await waitFor(() => expect(document.activeElement).toBe(row?.querySelector('.row-copy')));
});

test('an emptied name is saved like a row rename: the default name, and the result closes', async () => {
  popup = await renderPopup([draft('Eigen naam', { issuer: 'Demo Portaal', label: 'demo' })]);
  const vault = await popup.reopen();
  const [account] = (await vault.list()).accounts;
  vault.close();
  if (!account) throw new Error('no account');
  popup.unmount();
  const last = scan({ status: 'added', names: ['Demo Portaal: demo'], ids: [account.id], ...storedScan });
  popup = await renderPopup([], undefined, { lastScan: async () => last });
  // renderPopup made a fresh database: put the account back into it.
  const fresh = await popup.reopen();
  await fresh.restore(account);
  fresh.close();
  const input = await openRename();
  await act(() => {
    input.value = '   ';
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(() => input.form?.requestSubmit());
  await waitFor(() => must(popup?.container.querySelector('[data-testid="scan-result"]') === null || null));
  const reopened = await popup.reopen();
  expect((await reopened.get(account.id))?.name).toBe('');
  reopened.close();
});

describe('starting a scan', () => {
  test('the popup closes once the overlay is up, so the page can be dragged over', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    popup = await renderPopup([], undefined, { onScan: async () => ({ ok: true }) });
    await act(() => byTestId(popup?.container as HTMLElement, 'scan').click());
    await waitFor(() => must(close.mock.calls.length > 0 || null));
    close.mockRestore();
  });

  test('a page where Chrome forbids it says so, and the popup stays open', async () => {
    const close = vi.spyOn(window, 'close').mockImplementation(() => {});
    popup = await renderPopup([], undefined, { onScan: async () => ({ ok: false, reason: 'forbidden' }) });
    await act(() => byTestId(popup?.container as HTMLElement, 'scan').click());
    const text = () => byTestId(popup?.container as HTMLElement, 'toast').textContent ?? '';
    const toast = await waitFor(() => must(text().includes('laat Chrome geen extensies meekijken') || null));
    expect(toast).toBe(true);
    expect(close).not.toHaveBeenCalled();
    close.mockRestore();
  });
});
