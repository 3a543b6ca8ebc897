// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, it, vi } from 'vitest';
import { BackupExport } from '../../../../extension/options/components/backup-export';
import type { ExportAccounts } from '../../../../extension/options/load-export-accounts';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, click, fill, waitFor } from '../popup/popup-fixtures';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
  vi.restoreAllMocks();
});

const named = (root: HTMLElement, name: string) =>
  root.querySelector(`input[name="${name}"]`) as HTMLInputElement;

// Found by QA: a page that did not know yet that the vault has a passphrase (set in another tab a
// moment before) said "Vul uw huidige wachtwoordzin in." with no field to type it in.
it('a refusal while the page showed no passphrase field brings the field, with the message on it', async () => {
  installChromeI18n('nl');
  container = document.createElement('div');
  document.body.append(container);
  const typed: string[] = [];
  const loadAccounts = async (passphrase: string): Promise<ExportAccounts> => {
    typed.push(passphrase);
    return passphrase === 'een lange zin voor de balie'
      ? { status: 'confirmed', accounts: [] }
      : { status: 'empty' };
  };
  const root = container;
  await act(() => render(<BackupExport loadAccounts={loadAccounts} passphraseSet={false} />, root));
  await click(byTestId(root, 'export-backup'));
  expect(root.querySelector('[data-testid="export-backup-passphrase"]')).toBeNull();
  await fill(named(root, 'export-passphrase'), 'een wachtwoord voor het bestand');
  await fill(named(root, 'export-passphrase-confirm'), 'een wachtwoord voor het bestand');
  await click(byTestId(root, 'export-confirm'));
  const field = await waitFor(() => byTestId(root, 'export-backup-passphrase') as HTMLInputElement);
  expect(byTestId(root, 'export-status').textContent).toBe('Vul uw huidige wachtwoordzin in.');
  await waitFor(() => expect(document.activeElement).toBe(field));
  expect(field.getAttribute('aria-invalid')).toBe('true');
  // The file password stays as typed; the field, shown for a refusal alone, leaves it to the vault.
  expect(named(root, 'export-passphrase').value).toBe('een wachtwoord voor het bestand');
  await fill(field, 'een lange zin voor de balie');
  await click(byTestId(root, 'export-confirm'));
  await waitFor(() => expect(typed).toEqual(['', 'een lange zin voor de balie']));
});
