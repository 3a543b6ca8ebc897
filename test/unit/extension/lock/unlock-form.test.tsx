// @vitest-environment happy-dom
/**
 * The unlock form's messages: a wrong passphrase says what to check and, once the throttle makes
 * the next try wait, for how long, in one sentence; the way out of a forgotten one is always there.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, test } from 'vitest';
import { UnlockForm } from '../../../../extension/lock/unlock-form';
import type { UnlockResult } from '../../../../extension/lock/unlock-with-passphrase';
import { installChromeI18n } from '../popup/chrome-i18n';
import { byTestId, fill, submit, waitFor } from '../popup/popup-fixtures';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
});

async function tryPassphrase(result: UnlockResult): Promise<HTMLElement> {
  installChromeI18n('nl');
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  await act(() => render(<UnlockForm unlock={async () => result} onUnlocked={() => {}} />, root));
  await fill(root.querySelector('[name="passphrase"]') as HTMLInputElement, 'balie');
  await submit(byTestId<HTMLFormElement>(root, 'unlock'));
  return root;
}

describe('the unlock form', () => {
  test.each<[string, UnlockResult, string]>([
    [
      'wrong, try again at once',
      { status: 'wrong', waitMs: 0 },
      'Deze wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock) en probeer het opnieuw.',
    ],
    [
      'wrong, and the next try waits',
      { status: 'wrong', waitMs: 12_500 },
      'Deze wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock). U kunt het over 13 seconden opnieuw proberen.',
    ],
    [
      'still waiting: one second',
      { status: 'wait', waitMs: 800 },
      'Wacht nog 1 seconde en probeer het dan opnieuw.',
    ],
    [
      'a minute exactly',
      { status: 'wait', waitMs: 60_000 },
      'Wacht nog 1 minuut en probeer het dan opnieuw.',
    ],
    [
      'past a minute: whole minutes, rounded up',
      { status: 'wrong', waitMs: 61_000 },
      'Deze wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock). U kunt het over 2 minuten opnieuw proberen.',
    ],
    [
      'the longest wait',
      { status: 'wait', waitMs: 300_000 },
      'Wacht nog 5 minuten en probeer het dan opnieuw.',
    ],
  ])('[%#] %s', async (_what, result, expected) => {
    const root = await tryPassphrase(result);
    await waitFor(() => expect(byTestId(root, 'unlock-message').textContent).toBe(expected));
  });

  test('the wait is said once (an alert is not re-read each second), and when it is over the message says to try again', async () => {
    const root = await tryPassphrase({ status: 'wrong', waitMs: 2_200 });
    const message = () => byTestId(root, 'unlock-message').textContent;
    const waiting =
      'Deze wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock). U kunt het over 3 seconden opnieuw proberen.';
    await waitFor(() => expect(message()).toBe(waiting));
    expect(byTestId(root, 'unlock-message').getAttribute('role')).toBe('alert');
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(message()).toBe(waiting);
    await waitFor(
      () =>
        expect(message()).toBe(
          'Deze wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock) en probeer het opnieuw.',
        ),
      3_000,
    );
    // The end of the wait is not said as another alert: it sounded like another wrong try.
    expect(byTestId(root, 'unlock-message').getAttribute('role')).toBeNull();
  }, 10_000);

  test('a wait that was only a wait leaves no message once it is over', async () => {
    const root = await tryPassphrase({ status: 'wait', waitMs: 900 });
    await waitFor(() => expect(root.querySelector('[data-testid="unlock-message"]')).not.toBeNull());
    await waitFor(() => expect(root.querySelector('[data-testid="unlock-message"]')).toBeNull(), 3_000);
  }, 10_000);

  test('says where to turn when the passphrase is forgotten', async () => {
    const root = await tryPassphrase({ status: 'wrong', waitMs: 0 });
    expect(byTestId(root, 'unlock-forgotten').textContent).toBe(
      'Wachtwoordzin vergeten? Vraag een collega of uw IT-beheerder. Zonder de wachtwoordzin zijn de codes niet terug te halen. Inloggen op het portaal kan nog via ‘Ik heb geen toegang tot mijn authenticator(s)’.',
    );
  });
});
