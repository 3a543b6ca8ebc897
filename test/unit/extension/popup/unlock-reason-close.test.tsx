// @vitest-environment happy-dom
/**
 * After an unlock the locked popup closes only when a scan waited for it (the scan then runs on the
 * page under the popup); after a lock by itself (idle, screen lock, maximum unlock time) it stays
 * open and shows the codes, having said why it was locked.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import type { UnlockReason } from '../../../../extension/popup/unlock-reason';
import { openVault, VaultLockedError } from '../../../../extension/vault';
import { getMessageFrom, LOCALES } from './chrome-i18n';
import { byTestId, draft, fill, popupRootProps, submit, waitFor } from './popup-fixtures';

let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
  vi.restoreAllMocks();
});

async function unlockWith(reason: UnlockReason) {
  globalThis.indexedDB = new IDBFactory();
  (globalThis as { chrome?: unknown }).chrome = { i18n: { getMessage: getMessageFrom(LOCALES.nl) } };
  const seed = await openVault({ dbName: 'reason' });
  await seed.add(draft('Portaal'));
  seed.close();
  const close = vi.spyOn(window, 'close').mockImplementation(() => undefined);
  let locked = true;
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  const props = popupRootProps('reason', {
    openVault: () =>
      locked ? Promise.reject(new VaultLockedError('locked')) : openVault({ dbName: 'reason' }),
    unlock: async () => {
      locked = false;
      return { status: 'unlocked' };
    },
    unlockReason: async () => reason,
  });
  await act(() => render(<PopupRoot {...props} />, root));
  const field = await waitFor(() => {
    const input = root.querySelector('[name="passphrase"]');
    if (input === null) throw new Error('no passphrase field yet');
    return input;
  });
  expect(byTestId(root, 'unlock').textContent).toContain(reason.text);
  await fill(field, 'een lange zin voor de balie');
  await submit(byTestId<HTMLFormElement>(root, 'unlock'));
  return { root, close };
}

describe('the locked popup after the unlock', () => {
  it('a scan waited: the popup closes, leaving the page to the scan', async () => {
    const { close } = await unlockWith({ text: 'Voer eerst de wachtwoordzin in.', scanWaits: true });
    await waitFor(() => expect(close).toHaveBeenCalled());
  });

  it('locked by itself (idle, screen lock, maximum time): it stays open and shows the codes', async () => {
    const { root, close } = await unlockWith({
      text: 'Authenticator is vergrendeld na 15 minuten zonder activiteit.',
      scanWaits: false,
    });
    await waitFor(() => byTestId(root, 'code'));
    expect(close).not.toHaveBeenCalled();
  });
});
