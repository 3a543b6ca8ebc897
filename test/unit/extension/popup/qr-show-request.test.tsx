// @vitest-environment happy-dom
/**
 * A row's "QR-code tonen" with a passphrase on the vault, its check faked (show-qr-passphrase.test.ts
 * runs the real one): what each click shows while the passphrase is checked, and after a refusal.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { passphraseRefusalText } from '../../../../extension/lock/passphrase-refusal-text';
import type { Account } from '../../../../extension/otp';
import { AccountQr } from '../../../../extension/popup/components/account-qr';
import type { QrRefusal } from '../../../../extension/popup/show-account-qr';
import { installChromeI18n } from './chrome-i18n';
import { byTestId, click, draft, fill, press, waitFor } from './popup-fixtures';

/** The check's answers, one per click, each when the test resolves it. */
const check = vi.hoisted(() => ({
  needed: Promise.resolve(true),
  pending: [] as ((answer: { readonly src: string } | QrRefusal) => void)[],
}));
vi.mock('../../../../extension/popup/account-qr-url', () => ({
  qrNeedsPassphrase: () => check.needed,
}));
vi.mock('../../../../extension/popup/show-account-qr', () => ({
  showAccountQr: () => new Promise((resolve) => check.pending.push(resolve)),
}));

const WRONG: QrRefusal = { text: 'De huidige wachtwoordzin klopt niet.', field: true, invalid: true };

let root: HTMLElement | undefined;
afterEach(() => {
  if (root !== undefined) render(null, root);
  root?.remove();
});
beforeEach(() => {
  check.needed = Promise.resolve(true);
  check.pending = [];
  installChromeI18n('nl');
});

async function openPanel(): Promise<HTMLElement> {
  const panel = document.createElement('div');
  document.body.append(panel);
  root = panel;
  const account = { ...draft('Balie'), id: 'a', order: 0, pinned: false } as Account;
  await act(() => render(<AccountQr account={account} name="Balie" onClose={() => undefined} />, panel));
  return panel;
}

/** The panel, once its passphrase field shows and has the focus. */
async function openField(): Promise<{ panel: HTMLElement; field: HTMLInputElement }> {
  const panel = await openPanel();
  const field = await waitFor(() => byTestId<HTMLInputElement>(panel, 'show-qr-passphrase'));
  await waitFor(() => expect(document.activeElement).toBe(field));
  return { panel, field };
}

/** The oldest click's check answers; what the popup does then, its effects too, is done. */
async function answer(shown: { readonly src: string } | QrRefusal): Promise<void> {
  await act(async () => {
    check.pending.shift()?.(shown);
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
}

describe('QR code: a wrong passphrase, twice', () => {
  it('says "Bezig…" and disables the button while checking; each refusal is a new alert, the text selected', async () => {
    const panel = await openPanel();
    const field = await waitFor(() => byTestId<HTMLInputElement>(panel, 'show-qr-passphrase'));
    const confirm = byTestId<HTMLButtonElement>(panel, 'show-qr-confirm');

    await fill(field, 'een verkeerde zin');
    await press(field, 'Enter');
    await waitFor(() => expect(check.pending).toHaveLength(1));
    const busy = byTestId(panel, 'qr-busy');
    expect([busy.textContent, busy.getAttribute('role'), confirm.disabled]).toEqual([
      'Bezig…',
      'status',
      true,
    ]);
    await answer(WRONG);
    const first = await waitFor(() => byTestId(panel, 'qr-refused'));
    expect([first.textContent, confirm.disabled, panel.querySelector('[data-testid="qr-busy"]')]).toEqual([
      WRONG.text,
      false,
      null,
    ]);
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect([field.selectionStart, field.selectionEnd]).toEqual([0, field.value.length]);

    await press(field, 'Enter');
    await waitFor(() => expect(check.pending).toHaveLength(1));
    expect(confirm.disabled).toBe(true);
    await answer(WRONG);
    const second = await waitFor(() => byTestId(panel, 'qr-refused'));
    // The same sentence, in a new element: a screen reader reads it again.
    expect([second.textContent, second === first, second.getAttribute('role')]).toEqual([
      WRONG.text,
      false,
      'alert',
    ]);
    expect(confirm.disabled).toBe(false);
  });

  it('a click on the disabled-while-busy button gets its focus back when the check refuses for another reason', async () => {
    const panel = await openPanel();
    const field = await waitFor(() => byTestId<HTMLInputElement>(panel, 'show-qr-passphrase'));
    const confirm = byTestId<HTMLButtonElement>(panel, 'show-qr-confirm');
    await fill(field, 'een zin');
    confirm.focus();
    await click(confirm);
    await waitFor(() => expect(confirm.disabled).toBe(true));
    // As Chrome does: a disabled button loses the focus.
    confirm.blur();
    await click(confirm); // ignored while busy
    await answer({ text: 'Mislukt.' });
    await waitFor(() => expect(byTestId(panel, 'qr-refused').textContent).toBe('Mislukt.'));
    expect([check.pending.length, confirm.disabled, document.activeElement]).toEqual([0, false, confirm]);
  });

  it('an empty field is refused without "Bezig…"; the same refusal again is a new alert', async () => {
    const panel = await openPanel();
    await waitFor(() => byTestId(panel, 'show-qr-passphrase'));
    const confirm = byTestId<HTMLButtonElement>(panel, 'show-qr-confirm');
    const empty: QrRefusal = { text: 'Vul uw huidige wachtwoordzin in.', field: true, invalid: true };
    await click(confirm);
    expect([panel.querySelector('[data-testid="qr-busy"]'), confirm.disabled]).toEqual([null, false]);
    await answer(empty);
    const first = await waitFor(() => byTestId(panel, 'qr-refused'));
    await click(confirm);
    await answer(empty);
    await waitFor(() => expect(byTestId(panel, 'qr-refused')).not.toBe(first));
  });
});

describe('QR code: a refusal that names a wait', () => {
  it('says, once the wait is over, that the user may try again, without taking the focus', async () => {
    const { panel, field } = await openField();
    await fill(field, 'een zin');
    await press(field, 'Enter');
    await answer({ ...passphraseRefusalText({ status: 'wait', waitMs: 100 }), field: true });
    const refused = await waitFor(() => byTestId(panel, 'qr-refused'));
    expect(refused.textContent).toBe('Wacht nog 1 seconde en probeer het dan opnieuw.');
    await waitFor(() => expect(document.activeElement).toBe(field));
    // The user went to "Annuleren" meanwhile: the wait's end leaves the focus there.
    const cancel = panel.querySelector<HTMLButtonElement>('button.secondary');
    cancel?.focus();
    await waitFor(() =>
      expect(byTestId(panel, 'qr-refused').textContent).toBe('U kunt het nu opnieuw proberen.'),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(document.activeElement).toBe(cancel);
  });

  it('after a wrong one with a wait, only the wrong-passphrase sentence stays', async () => {
    const { panel, field } = await openField();
    await fill(field, 'een zin');
    await press(field, 'Enter');
    await answer({ ...passphraseRefusalText({ status: 'wrong', waitMs: 100 }), field: true });
    const wrong = 'De huidige wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock).';
    await waitFor(() =>
      expect(byTestId(panel, 'qr-refused').textContent).toBe(
        `${wrong} Wacht nog 1 seconde en probeer het dan opnieuw.`,
      ),
    );
    await waitFor(() => expect(byTestId(panel, 'qr-refused').textContent).toBe(wrong));
    expect(field.getAttribute('aria-invalid')).toBe('true');
  });
});

describe('QR code: the panel opens', () => {
  it('with a passphrase on the vault, the field takes the focus from "Annuleren"', async () => {
    const panel = await openPanel();
    const field = await waitFor(() => byTestId<HTMLInputElement>(panel, 'show-qr-passphrase'));
    await waitFor(() => expect(document.activeElement).toBe(field));
  });

  it('not when the user has gone elsewhere before the field shows', async () => {
    let answerNeeded: (needed: boolean) => void = () => undefined;
    check.needed = new Promise((resolve) => {
      answerNeeded = resolve;
    });
    const panel = await openPanel();
    const cancel = panel.querySelector<HTMLButtonElement>('button.secondary');
    await waitFor(() => expect(document.activeElement).toBe(cancel));
    const confirm = byTestId<HTMLButtonElement>(panel, 'show-qr-confirm');
    confirm.focus();
    await act(() => answerNeeded(true));
    await waitFor(() => byTestId(panel, 'show-qr-passphrase'));
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(document.activeElement).toBe(confirm);
  });

  it('without a passphrase, the focus stays on "Annuleren"', async () => {
    check.needed = Promise.resolve(false);
    const panel = await openPanel();
    await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(document.activeElement).toBe(panel.querySelector('button.secondary'));
  });
});
