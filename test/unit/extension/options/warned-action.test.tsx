// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, expect, it } from 'vitest';
import type { PassphraseRefusal } from '../../../../extension/lock/confirm-current-passphrase';
import { WarnedAction } from '../../../../extension/options/components/warned-action';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, click, fill, waitFor } from '../popup/popup-fixtures';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
});

type OnConfirm = (passphrase: string) => Promise<PassphraseRefusal | undefined>;

/**
 * The otpauth export's warning on a page in Dutch; `show` renders it again as a page that learned
 * whether the vault has a passphrase.
 */
async function mount(onConfirm: OnConfirm, passphraseSet = false) {
  installChromeI18n('nl');
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  const show = (set: boolean) =>
    act(() =>
      render(
        <WarnedAction
          testId="export-otpauth"
          label="Exporteren"
          warning="Let op"
          confirmLabel="Toch exporteren"
          passphraseSet={set}
          onConfirm={onConfirm}
        />,
        root,
      ),
    );
  await show(passphraseSet);
  return { root, show };
}

/** The vault's check: what was typed, in order; an empty field refused while the vault has one. */
function vaultCheck(hasOne: () => boolean = () => true) {
  const typed: string[] = [];
  const onConfirm: OnConfirm = async (passphrase) => {
    typed.push(passphrase);
    return hasOne() && passphrase === '' ? { status: 'empty' } : undefined;
  };
  return { typed, onConfirm };
}

// Found by a review: a page that did not know yet that the vault has a passphrase (set elsewhere a
// moment before) showed no field, and the export's refusal was dropped: nothing happened at all.
it('a refusal without the field shown brings the warning back with the field and the message', async () => {
  const { typed, onConfirm } = vaultCheck();
  const { root } = await mount(onConfirm);
  await click(byTestId(root, 'export-otpauth'));
  expect(root.querySelector('[data-testid="export-otpauth-passphrase"]')).toBeNull();
  await click(byTestId(root, 'export-otpauth-confirm'));
  const field = await waitFor(() => byTestId(root, 'export-otpauth-passphrase') as HTMLInputElement);
  expect(byTestId(root, 'export-otpauth-passphrase-message').textContent).toBe(
    'Vul uw huidige wachtwoordzin in.',
  );
  await fill(field, 'een lange zin voor de balie');
  await click(byTestId(root, 'export-otpauth-confirm'));
  await waitFor(() => expect(typed).toEqual(['', 'een lange zin voor de balie']));
  await waitFor(() => expect(root.querySelector('[data-testid="export-otpauth-confirm"]')).toBeNull());
});

// Found by CI: an empty field was first answered "Bezig…" while the worker was asked, then refused;
// a screen reader read both, and the end-to-end test read the first. It is refused on the page.
it('an empty field is refused on the page at once: nothing is asked, nothing is "Bezig…"', async () => {
  const { typed, onConfirm } = vaultCheck();
  const { root } = await mount(onConfirm, true);
  await click(byTestId(root, 'export-otpauth'));
  const field = byTestId(root, 'export-otpauth-passphrase') as HTMLInputElement;
  const seen: string[] = [];
  const watcher = new MutationObserver(() => {
    const message = root.querySelector('[data-testid="export-otpauth-passphrase-message"]');
    if (message?.textContent) seen.push(message.textContent);
  });
  watcher.observe(root, { childList: true, subtree: true, characterData: true });
  await click(byTestId(root, 'export-otpauth-confirm'));
  await waitFor(() =>
    expect(byTestId(root, 'export-otpauth-passphrase-message').textContent).toBe(
      'Vul uw huidige wachtwoordzin in.',
    ),
  );
  watcher.disconnect();
  expect(seen.every((text) => text === 'Vul uw huidige wachtwoordzin in.')).toBe(true);
  expect(typed).toEqual([]);
  expect(field.getAttribute('aria-invalid')).toBe('true');
  expect(document.activeElement).toBe(field);
});

// Found by QA: Escape closed the popup's panels but not this warning; and whoever tabbed into the
// field did not hear the warning above it.
it('Escape closes the warning, back to its button; the field is read with the warning', async () => {
  const { root } = await mount(async () => undefined, true);
  const toggle = byTestId(root, 'export-otpauth');
  await click(toggle);
  const field = byTestId(root, 'export-otpauth-passphrase') as HTMLInputElement;
  const described = (field.getAttribute('aria-describedby') ?? '').split(' ');
  expect(described.map((id) => root.querySelector(`[id="${id}"]`)?.textContent)).toEqual([
    'Let op',
    'De wachtwoordzin waarmee u Authenticator ontgrendelt. Zonder deze kan niemand de geheime sleutels van uw accounts meenemen.',
  ]);
  field.focus();
  await act(() => {
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
  expect(root.querySelector('[data-testid="export-otpauth-confirm"]')).toBeNull();
  expect(toggle.getAttribute('aria-expanded')).toBe('false');
  expect(document.activeElement).toBe(toggle);
});

// Found by a review: once a refusal had shown the field, it stayed, and an empty field was refused
// on the page even after the passphrase was removed: the user had to type something to export.
it('the page learning of the passphrase and then of its removal: the vault decides again', async () => {
  let vaultHasOne = true;
  const { typed, onConfirm } = vaultCheck(() => vaultHasOne);
  const { root, show } = await mount(onConfirm);
  await click(byTestId(root, 'export-otpauth'));
  await click(byTestId(root, 'export-otpauth-confirm'));
  await waitFor(() => byTestId(root, 'export-otpauth-passphrase'));
  await show(true);
  vaultHasOne = false;
  await show(false);
  expect(root.querySelector('[data-testid="export-otpauth-passphrase"]')).toBeNull();
  await click(byTestId(root, 'export-otpauth-confirm'));
  await waitFor(() => expect(typed).toEqual(['', '']));
  await waitFor(() => expect(root.querySelector('[data-testid="export-otpauth-confirm"]')).toBeNull());
});

// Found by a review: Escape closed the warning while the passphrase was being checked, and the
// export went ahead behind it.
it('Escape does nothing while the passphrase is checked', async () => {
  let finish: (refusal: PassphraseRefusal | undefined) => void = () => undefined;
  const { root } = await mount(
    () =>
      new Promise((resolve) => {
        finish = resolve;
      }),
    true,
  );
  await click(byTestId(root, 'export-otpauth'));
  const field = byTestId(root, 'export-otpauth-passphrase') as HTMLInputElement;
  await fill(field, 'een lange zin voor de balie');
  await click(byTestId(root, 'export-otpauth-confirm'));
  await waitFor(() => expect(byTestId(root, 'export-otpauth-passphrase-message').textContent).toBe('Bezig…'));
  await act(() => {
    field.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
  expect(root.querySelector('[data-testid="export-otpauth-confirm"]')).not.toBeNull();
  await act(() => finish(undefined));
  await waitFor(() => expect(root.querySelector('[data-testid="export-otpauth-confirm"]')).toBeNull());
});
