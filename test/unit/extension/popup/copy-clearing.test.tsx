// @vitest-environment happy-dom
/**
 * What the popup says after copying a code (issue 11): when it will be cleared, or that it will
 * not be without the clipboard permissions, with one click to grant them (which then clears this
 * code too).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClipboardCopiedReply } from '../../../../extension/messages';
import {
  byTestId,
  click,
  draft,
  expectedTotp,
  type Popup,
  renderPopup,
  SECRETS,
  T0,
  waitFor,
} from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => popup?.unmount());

const toastText = (root: ParentNode) => byTestId(root, 'toast').textContent ?? '';

/** The profile's record of the question, shared by the popups of one test. */
function questionStore(asked = false) {
  return {
    async wasAsked() {
      return asked;
    },
    async remember() {
      asked = true;
    },
  };
}

async function copyWith(replies: ClipboardCopiedReply[], granted = true, question = questionStore()) {
  const clearLater = vi.fn(async (_code: string, _copiedAt: number) => replies.shift());
  const requestPermission = vi.fn(async () => granted);
  popup = await renderPopup([draft('Balie')], T0, {
    clipboard: { clearLater, requestPermission, question },
  });
  const row = await waitFor(() => byTestId(popup?.container ?? document, 'account'));
  await click(byTestId(row, 'code'));
  return { container: popup.container, clearLater, requestPermission };
}

describe('popup: a copied code and the clipboard', () => {
  it('says when the copied code will be cleared', async () => {
    const { container, clearLater } = await copyWith([{ clearing: 'scheduled', seconds: 30 }]);
    await waitFor(() => expect(toastText(container)).toContain('Over 30 seconden'));
    // With the time of the copy: a lock after it clears the code at once (clear-on-lock.test.ts).
    expect(clearLater).toHaveBeenCalledWith(expectedTotp(SECRETS[0], T0), expect.any(Number));
    expect(container.querySelector('[data-testid="clipboard-grant"]')).toBeNull();
  });

  it('clearing switched off: just "Gekopieerd"', async () => {
    const { container } = await copyWith([{ clearing: 'off' }]);
    await waitFor(() => expect(toastText(container)).toBe('Gekopieerd'));
  });

  it('without the permissions: says the code stays, and one click grants them and clears this code', async () => {
    const { container, clearLater, requestPermission } = await copyWith([
      { clearing: 'no-permission' },
      { clearing: 'scheduled', seconds: 30 },
    ]);
    await waitFor(() =>
      expect(toastText(container)).toContain(
        'Mag Authenticator gekopieerde codes na korte tijd van het klembord wissen? Klik op ‘Toestemming geven’ en daarna in Chrome op ‘Toestaan’.',
      ),
    );
    await click(byTestId(container, 'clipboard-grant'));
    await waitFor(() => expect(toastText(container)).toContain('Toestemming gegeven'));
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(clearLater).toHaveBeenCalledTimes(2);
    // The copy's own time, not the grant's.
    const copiedAt = clearLater.mock.calls[0]?.[1];
    expect(clearLater).toHaveBeenLastCalledWith(expectedTotp(SECRETS[0], T0), copiedAt);
  });

  it('asks for the permission once per popup: the next copy says the code stays', async () => {
    const { container } = await copyWith([{ clearing: 'no-permission' }, { clearing: 'no-permission' }]);
    await waitFor(() => byTestId(container, 'clipboard-grant'));
    await click(byTestId(container, 'code'));
    await waitFor(() =>
      expect(toastText(container)).toBe('Gekopieerd. De code blijft op het klembord staan.'),
    );
    expect(container.querySelector('[data-testid="clipboard-grant"]')).toBeNull();
  });

  it('asks once per browser profile: a popup opened later says the code stays, without asking', async () => {
    const question = questionStore();
    const first = await copyWith([{ clearing: 'no-permission' }], true, question);
    await waitFor(() => byTestId(first.container, 'clipboard-grant'));
    popup?.unmount();
    const later = await copyWith([{ clearing: 'no-permission' }], true, question);
    await waitFor(() =>
      expect(toastText(later.container)).toBe('Gekopieerd. De code blijft op het klembord staan.'),
    );
    expect(later.container.querySelector('[data-testid="clipboard-grant"]')).toBeNull();
    expect(later.requestPermission).not.toHaveBeenCalled();
  });

  it('one second: the singular', async () => {
    const { container } = await copyWith([{ clearing: 'scheduled', seconds: 1 }]);
    await waitFor(() => expect(toastText(container)).toContain('Over 1 seconde wordt de code'));
  });

  it('a refused permission says the clipboard is not cleared, and schedules nothing', async () => {
    const { container, clearLater } = await copyWith([{ clearing: 'no-permission' }], false);
    await waitFor(() => byTestId(container, 'clipboard-grant'));
    await click(byTestId(container, 'clipboard-grant'));
    await waitFor(() =>
      expect(toastText(container)).toBe('Zonder toestemming wordt het klembord niet gewist.'),
    );
    expect(clearLater).toHaveBeenCalledTimes(1);
  });
});
