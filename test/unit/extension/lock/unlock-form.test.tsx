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
      'Deze wachtwoordzin klopt niet. Let op hoofdletters en probeer het opnieuw.',
    ],
    [
      'wrong, and the next try waits',
      { status: 'wrong', waitMs: 1500 },
      'Deze wachtwoordzin klopt niet. Let op hoofdletters; over 2 s kunt u het opnieuw proberen.',
    ],
    [
      'still waiting (1 s: no plural to get wrong)',
      { status: 'wait', waitMs: 800 },
      'Wacht 1 s en probeer het dan opnieuw.',
    ],
  ])('[%#] %s', async (_what, result, expected) => {
    const root = await tryPassphrase(result);
    await waitFor(() => expect(byTestId(root, 'unlock-message').textContent).toBe(expected));
  });

  test('says where to turn when the passphrase is forgotten', async () => {
    const root = await tryPassphrase({ status: 'wrong', waitMs: 0 });
    expect(byTestId(root, 'unlock-forgotten').textContent).toBe(
      'Wachtwoordzin vergeten? Vraag een collega of uw IT-beheerder. Zonder de wachtwoordzin zijn de codes niet terug te halen.',
    );
  });
});
