// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import { OptionsApp } from '../../../../extension/options/components/options-app';
import { openVault } from '../../../../extension/vault';
import { ACCOUNTS, base32 } from '../import/import-fixtures';
import { installChromeI18n } from '../popup/chrome-i18n';
import { allByTestId, byTestId, click, fill, waitFor } from '../popup/popup-fixtures';

let container: HTMLElement;
let dbName: string;
let counter = 0;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  installChromeI18n('nl');
  dbName = `options-test-${++counter}`;
  container = document.createElement('div');
  document.body.append(container);
  await act(() => render(<OptionsApp openVault={() => openVault({ dbName })} />, container));
});

afterEach(() => {
  render(null, container);
  container.remove();
});

async function stored(): Promise<string[]> {
  const vault = await openVault({ dbName });
  try {
    return (await vault.list()).accounts.map((a) => a.issuer);
  } finally {
    vault.close();
  }
}

const list = ACCOUNTS.slice(0, 2)
  .map(
    (a) =>
      `otpauth://totp/${encodeURIComponent(a.issuer)}:${a.label}?secret=${base32(a.secret)}&algorithm=${a.algorithm}&digits=${a.digits}&period=${a.period}`,
  )
  .join('\n');

async function paste(text: string): Promise<void> {
  // The page renders once the settings and the vault's lock state are read.
  const field = await waitFor(() => {
    const textarea = container.querySelector('textarea[name="import-text"]');
    if (textarea === null) throw new Error('the import field is not there yet');
    return textarea;
  });
  await fill(field, text);
  await click(byTestId(container, 'import-read'));
}

/** The first fixture account, stored in the test's vault as the user already has it. */
async function storeFirstAccount(): Promise<void> {
  const first = ACCOUNTS[0];
  if (first === undefined) throw new Error('fixtures');
  const vault = await openVault({ dbName });
  try {
    await vault.add({
      type: 'totp',
      secret: first.secret,
      issuer: first.issuer,
      label: first.label,
      name: '',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
    });
  } finally {
    vault.close();
  }
}

describe('options page: import', () => {
  it('pasted text → preview (nothing stored yet) → confirm → stored, with a report', async () => {
    await paste(list);
    const preview = await waitFor(() => byTestId(container, 'import-preview'));
    expect(allByTestId(preview, 'import-item').map((row) => row.textContent)).toEqual([
      'Gemeente Voorbeeldbalie@praktijk.nlTOTPSHA1630 seconden',
      'ZorgportaalassistentTOTPSHA256860 seconden',
    ]);
    expect(await stored()).toEqual([]);
    await click(byTestId(container, 'import-confirm'));
    const report = await waitFor(() => byTestId(container, 'import-report'));
    expect(report.textContent).toContain('2 geïmporteerd');
    expect(await stored()).toEqual(['Gemeente Voorbeeld', 'Zorgportaal']);
    // The report has the focus (the confirm button that had it is gone), and the pasted list, with
    // its secrets, has left the field.
    await waitFor(() => expect(document.activeElement).toBe(report));
    // Read once, for the focus: no live role as well.
    expect(report.getAttribute('role')).toBeNull();
    expect(container.querySelector<HTMLTextAreaElement>('textarea[name="import-text"]')?.value).toBe('');
    // The activity log keeps how many, not which: no name, no secret.
    const log = await readActivity();
    expect(log.map((e) => e.event)).toEqual([{ kind: 'accounts-added', via: 'import', count: 2 }]);
    expect(JSON.stringify(log)).not.toMatch(/Zorgportaal|Voorbeeld|balie/);
  });

  it('the preview takes the focus from "Tekst lezen", also with every account there already; "Annuleren" gives it back', async () => {
    await storeFirstAccount();
    const field = await waitFor(() => {
      const textarea = container.querySelector('textarea[name="import-text"]');
      if (textarea === null) throw new Error('the import field is not there yet');
      return textarea;
    });
    await fill(field, list.split('\n')[0] ?? '');
    const read = byTestId<HTMLButtonElement>(container, 'import-read');
    read.focus();
    await click(read);
    const heading = await waitFor(() =>
      byTestId(container, 'import-preview').querySelector('#preview-heading'),
    );
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(byTestId<HTMLButtonElement>(container, 'import-confirm').disabled).toBe(true);
    const cancel = Array.from(byTestId(container, 'import-preview').querySelectorAll('button')).find(
      (button) => button.textContent === 'Annuleren',
    );
    cancel?.focus();
    await click(cancel as HTMLElement);
    await waitFor(() => expect(container.querySelector('[data-testid="import-preview"]')).toBeNull());
    expect(document.activeElement).toBe(read);
  });

  it('text changed after it was read stays in the field after the import', async () => {
    await paste(list);
    await waitFor(() => byTestId(container, 'import-preview'));
    const field = container.querySelector('textarea[name="import-text"]') as HTMLTextAreaElement;
    await fill(field, 'nog een regel');
    await click(byTestId(container, 'import-confirm'));
    await waitFor(() => byTestId(container, 'import-report'));
    expect(field.value).toBe('nog een regel');
  });

  it('accounts with the usual settings are previewed by name only, without technical columns', async () => {
    await paste(list.split('\n')[0] ?? '');
    const preview = await waitFor(() => byTestId(container, 'import-preview'));
    expect(allByTestId(preview, 'import-item').map((row) => row.textContent)).toEqual([
      'Gemeente Voorbeeldbalie@praktijk.nl',
    ]);
    expect(preview.querySelectorAll('th')).toHaveLength(3);
  });

  it('the same accounts again are unticked as already there; an unticked account is reported as skipped', async () => {
    await storeFirstAccount();
    await paste(list);
    const boxes = await waitFor(() => {
      const found = allByTestId(container, 'import-item').map(
        (row) => row.querySelector('input') as HTMLInputElement,
      );
      if (found.length !== 2) throw new Error('no preview yet');
      return found;
    });
    expect(boxes.map((box) => box.checked)).toEqual([false, true]);
    expect(allByTestId(container, 'import-item')[0]?.textContent).toContain('staat al in uw lijst');
    // In a column of its own, not beside the account's name (where it read like one).
    const cells = Array.from(allByTestId(container, 'import-item')[0]?.querySelectorAll('td') ?? []);
    expect(cells.at(-1)?.textContent).toBe('staat al in uw lijst');
    expect(cells.slice(0, -1).some((cell) => cell.textContent?.includes('staat al in uw lijst'))).toBe(false);
    expect(container.querySelector('[data-testid="import-preview"] th:last-child')?.textContent).toBe(
      'Let op',
    );
    await click(byTestId(container, 'import-confirm'));
    const report = await waitFor(() => byTestId(container, 'import-report'));
    expect(report.textContent).toContain('1 geïmporteerd');
    expect(report.textContent).toContain('Gemeente Voorbeeld (balie@praktijk.nl): staat al in uw lijst');
    expect(await stored()).toEqual(['Gemeente Voorbeeld', 'Zorgportaal']);
  });

  it('entries that will not be imported are named in the preview, with why, before anything is stored', async () => {
    const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
    await paste(
      [
        `otpauth://totp/Zorgportaal:balie?secret=${secret}&issuer=Zorgportaal`,
        `otpauth://totp/Zorgportaal:balie?secret=${secret}&issuer=Zorgportaal`,
        `otpauth://totp/Steam:balie?secret=${secret}&issuer=Steam&encoder=steam`,
        `otpauth://totp/Apotheek:balie?secret=${secret}&issuer=Apotheek&algorithm=MD5`,
        'otpauth://totp/Huisarts:balie?secret=!!!!&issuer=Huisarts',
        `otpauth://hotp/Bank:balie?secret=${secret}&issuer=Bank&counter=1`,
      ].join('\n'),
    );
    const preview = await waitFor(() => byTestId(container, 'import-preview'));
    expect(preview.querySelector('h3')?.textContent).toBe('Gevonden accounts: 3');
    const leftOut = byTestId(preview, 'import-left-out');
    expect(Array.from(leftOut.querySelectorAll('p, li'), (line) => line.textContent)).toEqual([
      'Niet alles wordt geïmporteerd: hieronder staat wat niet, en waarom. Er is nog niets opgeslagen. Wilt u eerst een nieuwe export maken in de andere app? Klik dan op ‘Annuleren’.',
      'Overgeslagen: 2',
      'Steam (balie): ander soort code (zoals Steam), niet ondersteund',
      'Apotheek (balie): algoritme niet ondersteund',
      'Onleesbaar: 1',
      'Huisarts (balie): geheime sleutel onleesbaar',
    ]);
    // Said above the accounts' table, where it is read before "Importeren".
    const table = preview.querySelector('table');
    expect(table && leftOut.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(await stored()).toEqual([]);
    // The report after the import says the same of them.
    await click(byTestId(container, 'import-confirm'));
    const report = await waitFor(() => byTestId(container, 'import-report'));
    expect(report.textContent).toContain('Steam (balie): ander soort code');
    expect(report.textContent).toContain('Onleesbaar: 1');
  });

  it('a preview with nothing left out says nothing of it', async () => {
    await paste(list);
    const preview = await waitFor(() => byTestId(container, 'import-preview'));
    expect(preview.querySelector('[data-testid="import-left-out"]')).toBeNull();
    expect(preview.textContent).not.toContain('Niet alles wordt geïmporteerd');
  });

  it('names from the file are shown isolated in the preview and stored without invisible or bidi characters', async () => {
    const first = ACCOUNTS[0];
    if (first === undefined) throw new Error('fixtures');
    // Issuer "\u202eBank\u200b", label "בנק" (right-to-left letters are kept; only the controls go).
    await paste(`otpauth://totp/%E2%80%AEBank%E2%80%8B:%D7%91%D7%A0%D7%A7?secret=${base32(first.secret)}`);
    const [row] = await waitFor(() => {
      const rows = allByTestId(container, 'import-item');
      if (rows.length !== 1) throw new Error('no preview yet');
      return rows;
    });
    const cells = Array.from(row?.querySelectorAll('td bdi') ?? [], (cell) => cell.textContent);
    expect(cells).toEqual(['Bank', 'בנק']);
    expect(row?.querySelector('input')?.getAttribute('aria-label')).toBe('\u2068Bank (בנק)\u2069 importeren');
    await click(byTestId(container, 'import-confirm'));
    await waitFor(() => byTestId(container, 'import-report'));
    const vault = await openVault({ dbName });
    const { accounts } = await vault.list();
    vault.close();
    expect(accounts.map((a) => [a.issuer, a.label])).toEqual([['Bank', 'בנק']]);
  });

  // Found by an accessibility review: nothing pasted was told as a format not recognised.
  it('"Tekst lezen" with an empty box asks for the text, in the box, and reads nothing', async () => {
    await paste('   ');
    const alert = await waitFor(() => byTestId(container, 'import-error'));
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe(
      'Er staat nog geen tekst in het vak. Plak daar eerst de tekst van de export (Ctrl+V, op een Mac ⌘V).',
    );
    const box = container.querySelector('textarea[name="import-text"]');
    expect(document.activeElement).toBe(box);
    expect(box?.getAttribute('aria-invalid')).toBe('true');
    expect(box?.getAttribute('aria-describedby')).toBe(alert.id);
    // Typing takes the message away.
    await fill(box as HTMLTextAreaElement, 'otpauth://');
    expect(container.querySelector('[data-testid="import-error"]')).toBeNull();
    // After a failed read, an emptied box: its message alone, not both.
    await paste('Beste collega, hierbij de codes.');
    await waitFor(() => byTestId(container, 'import-error'));
    await paste('');
    await waitFor(() => expect(byTestId(container, 'import-error').id).toBe('import-text-empty'));
    expect(allByTestId(container, 'import-error')).toHaveLength(1);
  });

  // A status that arrives with its text is said by no screen reader: "Bezig…" goes into one that
  // is there all along (found by an accessibility review).
  it('the import says "Bezig…" from a status that is there, empty, before it starts', async () => {
    const read = await waitFor(() => byTestId(container, 'import-read'));
    const statuses = () =>
      Array.from(read.parentElement?.querySelectorAll(':scope > p[role="status"]') ?? []);
    expect(statuses().map((p) => p.textContent)).toEqual(['']);
  });

  it('an unknown format is an alert in Dutch and stores nothing', async () => {
    await paste('Beste collega, hierbij de codes.');
    const alert = await waitFor(() => byTestId(container, 'import-error'));
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe(
      'Dit formaat wordt niet herkend. Er is niets opgeslagen. Kies een exportbestand van een van de genoemde apps, of plak otpauth://-regels.',
    );
    expect(await stored()).toEqual([]);
  });

  it('a file of more than 10,000 accounts is refused with the reason in Dutch, and stores nothing', async () => {
    const [first] = ACCOUNTS;
    if (first === undefined) throw new Error('fixtures');
    const uri = (i: number) => `otpauth://totp/Dienst%20${i}:balie?secret=${base32(first.secret)}`;
    await paste(Array.from({ length: 10_001 }, (_, i) => uri(i)).join('\n'));
    const alert = await waitFor(() => byTestId(container, 'import-error'), 10_000);
    expect(alert.textContent).toContain('meer dan 10.000 accounts');
    expect(alert.textContent).toContain('Er is niets opgeslagen');
    expect(await stored()).toEqual([]);
  }, 20_000);

  it('one account found: the count is said without a plural to get wrong', async () => {
    const first = ACCOUNTS[0];
    if (first === undefined) throw new Error('fixtures');
    await paste(`otpauth://totp/Portaal:balie?secret=${base32(first.secret)}`);
    const preview = await waitFor(() => byTestId(container, 'import-preview'));
    expect(preview.textContent).toContain('Gevonden accounts: 1');
  });
});

describe('options page: import when the vault will not open', () => {
  it('says so, not that the file is damaged, and stores nothing', async () => {
    render(null, container);
    await act(() =>
      render(<OptionsApp openVault={() => Promise.reject(new Error('IndexedDB is gone'))} />, container),
    );
    await paste(list);
    const alert = await waitFor(() => byTestId(container, 'import-error'));
    expect(alert.textContent).toBe(
      'Uw accounts konden niet worden geopend; er is niets opgeslagen. Sluit deze pagina en probeer het opnieuw.',
    );
    expect(container.querySelector('[data-testid="import-preview"]')).toBeNull();
  });
});

describe('options page: backup', () => {
  it('a too short or mismatched passphrase: the field at fault has the focus, is marked invalid and described by the message', async () => {
    await storeFirstAccount();
    await click(await waitFor(() => byTestId(container, 'export-backup')));
    const first = await waitFor(() =>
      must(container.querySelector<HTMLInputElement>('[name="export-passphrase"]')),
    );
    const second = must(container.querySelector<HTMLInputElement>('[name="export-passphrase-confirm"]'));
    await fill(first, 'kort');
    await click(byTestId(container, 'export-confirm'));
    await waitFor(() => expect(document.activeElement).toBe(first));
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect(first.getAttribute('aria-describedby')).toBe('export-status export-strength');
    expect(byTestId(container, 'export-status').id).toBe('export-status');

    await fill(first, 'een lange zin voor de back-up');
    await fill(second, 'een andere zin voor de back-up');
    await click(byTestId(container, 'export-confirm'));
    await waitFor(() => expect(document.activeElement).toBe(second));
    expect(byTestId(container, 'export-status').textContent).toBe('De twee wachtwoorden zijn niet gelijk.');
    expect(second.getAttribute('aria-invalid')).toBe('true');
    expect(second.getAttribute('aria-describedby')).toBe('export-status');
    expect(first.getAttribute('aria-invalid')).toBeNull();
    expect(first.getAttribute('aria-describedby')).toBe('export-strength');
  });

  it('of one account says “1 account”', async () => {
    await storeFirstAccount();
    const download = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:backup');
    await click(await waitFor(() => byTestId(container, 'export-backup')));
    await fill(
      await waitFor(() => must(container.querySelector('[name="export-passphrase"]'))),
      'een lange zin voor de back-up',
    );
    await fill(
      must(container.querySelector('[name="export-passphrase-confirm"]')),
      'een lange zin voor de back-up',
    );
    await click(byTestId(container, 'export-confirm'));
    await waitFor(
      () =>
        expect(byTestId(container, 'export-status').textContent).toBe(
          'Back-up van 1 account gedownload. Bewaar het wachtwoord apart.',
        ),
      15_000,
    );
    expect(download).toHaveBeenCalledTimes(1);
    download.mockRestore();
    await waitFor(async () =>
      expect((await readActivity()).map((e) => e.event)).toEqual([
        { kind: 'exported', what: 'backup', count: 1 },
      ]),
    );
  }, 20_000);
});

describe('options page: exports with secrets are kept in the activity log', () => {
  it('the otpauth list and the QR codes for Google Authenticator, each with how many accounts', async () => {
    await storeFirstAccount();
    const download = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:list');
    await click(await waitFor(() => byTestId(container, 'export-otpauth')));
    await click(await waitFor(() => byTestId(container, 'export-otpauth-confirm')));
    await waitFor(() => expect(download).toHaveBeenCalledTimes(1));
    download.mockRestore();
    // The warning and its button are gone: the focus is back on the button that showed them.
    expect(document.activeElement).toBe(byTestId(container, 'export-otpauth'));
    await click(byTestId(container, 'export-google'));
    await click(await waitFor(() => byTestId(container, 'export-google-confirm')));
    expect(document.activeElement).toBe(byTestId(container, 'export-google'));
    await waitFor(() => byTestId(container, 'google-qr'));
    await waitFor(async () =>
      expect((await readActivity()).map((e) => e.event)).toEqual([
        { kind: 'exported', what: 'google', count: 1 },
        { kind: 'exported', what: 'plain', count: 1 },
      ]),
    );
  });

  it('a refused or empty export is not one: nothing recorded', async () => {
    await click(await waitFor(() => byTestId(container, 'export-otpauth')));
    await click(await waitFor(() => byTestId(container, 'export-otpauth-confirm')));
    await waitFor(() =>
      expect(container.textContent).toContain('Er zijn nog geen accounts om te exporteren.'),
    );
    expect(await readActivity()).toEqual([]);
  });
});

function must<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('not yet');
  return value;
}
