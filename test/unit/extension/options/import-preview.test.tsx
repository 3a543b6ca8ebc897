// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import type { DuplicateOf, ImportResult } from '../../../../extension/import';
import { ImportPreview } from '../../../../extension/options/components/import-preview';
import { installChromeI18n } from '../popup/chrome-i18n';
import { draft } from '../popup/popup-fixtures';

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
  root = undefined;
});

async function preview(
  result: ImportResult,
  duplicates?: readonly DuplicateOf[],
  locale: 'nl' | 'en' = 'nl',
  selected?: readonly boolean[],
): Promise<HTMLElement> {
  installChromeI18n(locale);
  const container = document.createElement('div');
  document.body.append(container);
  root = container;
  const none = result.accounts.map((): DuplicateOf => false);
  await act(() =>
    render(
      <ImportPreview
        result={result}
        duplicates={duplicates ?? none}
        selected={selected ?? result.accounts.map(() => true)}
        onToggle={() => {}}
        onConfirm={() => {}}
        onCancel={() => {}}
      />,
      container,
    ),
  );
  return container;
}

const result = (accounts: ImportResult['accounts']): ImportResult => ({
  format: 'backup',
  accounts,
  rejected: [],
  warnings: [],
});

describe('the import preview', () => {
  test('shows the websites a backup links to each account, and why they matter', async () => {
    const page = await preview(
      result([
        draft('Portaal', { origins: ['https://portaal.example.nl', 'https://login.portaal.example.nl'] }),
        draft('Bank'),
      ]),
    );
    const cells = Array.from(
      page.querySelectorAll('[data-testid="import-item-sites"]'),
      (c) => c.textContent,
    );
    expect(cells).toEqual(['https://portaal.example.nl, https://login.portaal.example.nl', '']);
    expect(page.querySelector('[data-testid="import-sites-hint"]')?.textContent).toContain(
      'zonder het eerst te vragen',
    );
    expect(page.textContent).toContain('Websites');
  });

  test.each([
    ['nl', ['1 seconde', '86400 seconden']],
    ['en', ['1 second', '86400 seconds']],
  ] as const)('a TOTP period in seconds, in words, one second in the singular (%s)', async (locale, said) => {
    const accounts = [draft('Kort', { period: 1 }), draft('Lang', { period: 86_400 })];
    const page = await preview(result(accounts), undefined, locale);
    const cells = Array.from(
      page.querySelectorAll('[data-testid="import-item"] td'),
      (cell) => cell.textContent,
    );
    expect(cells.filter((text) => /^\d+ sec/.test(text ?? ''))).toEqual(said);
  });

  test('without websites in the file: no column and no hint', async () => {
    const page = await preview(result([draft('Portaal', { name: '' }), draft('Bank', { name: '' })]));
    expect(page.querySelector('[data-testid="import-item-sites"]')).toBeNull();
    expect(page.querySelector('[data-testid="import-sites-hint"]')).toBeNull();
    // Nor a column for own names when no account has one.
    expect(page.querySelector('[data-testid="import-item-name"]')).toBeNull();
    expect(page.textContent).not.toContain('Eigen naam');
  });

  test('twins (one issuer and account) told apart by the names the user gave them', async () => {
    const twin = { issuer: 'Zorgmail', label: 'balie@praktijk.nl' };
    const page = await preview(
      result([draft('a', { ...twin, name: 'Apotheek' }), draft('b', { ...twin, name: '' })]),
    );
    expect(page.textContent).toContain('Eigen naam');
    const names = Array.from(page.querySelectorAll('[data-testid="import-item-name"]'), (c) => c.textContent);
    expect(names).toEqual(['Apotheek', '']);
    const boxes = Array.from(page.querySelectorAll('[data-testid="import-item"] input'), (box) =>
      box.getAttribute('aria-label'),
    );
    expect(boxes[0]).toContain('Apotheek');
    expect(boxes[1]).toContain('Zorgmail (balie@praktijk.nl)');
  });
});

test('a repeat is said as one: already in the list, or earlier in this same file', async () => {
  const page = await preview(result([draft('Portaal'), draft('Bank'), draft('Bank')]), [
    'list',
    false,
    'file',
  ]);
  const marks = Array.from(page.querySelectorAll('[data-testid="import-item"] em'), (em) => em.textContent);
  expect(marks).toEqual(['staat al in uw lijst', 'staat eerder in dit bestand']);
});

test('nothing readable in it: says so, and which entries are left out and why (in English too)', async () => {
  const page = await preview(
    {
      format: 'otpauth',
      accounts: [],
      rejected: [
        { name: 'Apotheek (balie)', reason: 'unsupported-algorithm' },
        { name: 'Huisarts (balie)', reason: 'missing-secret' },
      ],
      warnings: [],
    },
    [],
    'en',
  );
  expect(page.textContent).toContain('There are no usable accounts in it.');
  const leftOut = page.querySelector('[data-testid="import-left-out"]');
  expect(Array.from(leftOut?.querySelectorAll('p, li') ?? [], (line) => line.textContent)).toEqual([
    'Not everything will be imported: below is what will not, and why. Nothing has been stored yet. Would you rather make a new export in the other app first? Then click ‘Cancel’.',
    'Skipped: 1',
    'Apotheek (balie): algorithm not supported',
    'Unreadable: 1',
    'Huisarts (balie): no secret key',
  ]);
});

// QA finding: with every account of the file already in the list, the import button was greyed out
// without a word.
describe('why the import button cannot be clicked', () => {
  const why = (page: HTMLElement) => page.querySelector('[data-testid="import-why-none"]')?.textContent;
  const button = (page: HTMLElement) => page.querySelector('[data-testid="import-confirm"]');

  test('every account is in the list already (or repeated in the file): nothing new, said by the button', async () => {
    const page = await preview(result([draft('Portaal'), draft('Bank')]), ['list', 'file'], 'nl', [
      false,
      false,
    ]);
    expect(why(page)).toBe(
      'Alle accounts in dit bestand staan al in uw lijst: er is niets nieuws om te importeren.',
    );
    expect(button(page)?.hasAttribute('disabled')).toBe(true);
    expect(button(page)?.getAttribute('aria-describedby')).toBe('import-why-none');
  });

  test('new accounts, all unticked: tick one', async () => {
    const page = await preview(result([draft('Portaal'), draft('Bank')]), ['list', false], 'en', [
      false,
      false,
    ]);
    expect(why(page)).toBe('Tick at least one account to import it.');
  });

  test('something ticked: nothing said, the status stays empty', async () => {
    const page = await preview(result([draft('Portaal'), draft('Bank')]), ['list', false], 'nl', [
      false,
      true,
    ]);
    expect(why(page)).toBe('');
    expect(button(page)?.hasAttribute('disabled')).toBe(false);
    expect(button(page)?.hasAttribute('aria-describedby')).toBe(false);
  });
});
