// @vitest-environment happy-dom
/**
 * The clock correction in the popup with a faked clock (issue 11): after "correct" every code is
 * the one at now + offset, the list stays open while the root re-renders, and undo restores.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { openVault } from '../../../../extension/vault';
import { installChromeI18n } from './chrome-i18n';
import {
  byTestId,
  click,
  digitsOf,
  draft,
  expectedTotp,
  manualClock,
  SECRETS,
  T0,
  waitFor,
} from './popup-fixtures';

const OFFSET_MS = -90_000;
let container: HTMLElement | undefined;
afterEach(() => {
  if (container !== undefined) render(null, container);
  container?.remove();
});

async function renderRoot(stored = 0) {
  globalThis.indexedDB = new IDBFactory();
  installChromeI18n('nl');
  const seed = await openVault({ dbName: 'drift' });
  await seed.add(draft('Balie'));
  seed.close();
  const clock = manualClock();
  const writes: number[] = [];
  let offset = stored;
  let opened = 0;
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  // The portal's clock 90 s behind ours (its Date header has whole seconds: the middle of that second
  // is taken, and the request's middle is T0 + 500 ms).
  const siteDate = async () => ({
    host: 'portaal.example',
    date: new Date(T0 + OFFSET_MS).toUTCString(),
    sentAt: T0 + 400,
    receivedAt: T0 + 600,
  });
  await act(() => {
    render(
      <PopupRoot
        openVault={() => {
          opened += 1;
          return openVault({ dbName: 'drift' });
        }}
        settings={async () => resolveSettings({}, {})}
        unlock={async () => ({ status: 'unlocked' })}
        lock={async () => undefined}
        watchLock={() => () => undefined}
        siteDate={siteDate}
        clockOffset={{
          read: async () => offset,
          write: async (ms) => {
            offset = ms;
            writes.push(ms);
          },
        }}
        clock={clock}
        lastScan={async () => null}
      />,
      root,
    );
  });
  const code = () => digitsOf(byTestId(root, 'code'));
  return { root, clock, writes, code, opens: () => opened };
}

describe('popup: the clock correction (faked clock)', () => {
  it('shifts every code by the accepted offset without reopening the vault, and undo restores', async () => {
    const { root, clock, writes, code, opens } = await renderRoot();
    await waitFor(() => byTestId(root, 'clock-drift'));
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0)));

    await click(byTestId(root, 'clock-correct'));
    expect(writes).toEqual([OFFSET_MS]); // stored, whole seconds
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS)));
    expect(root.querySelector('[data-testid="vault-error"]')).toBeNull();
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();
    expect(byTestId(root, 'clock-correction').textContent).toContain('90');

    // The corrected clock ticks with the computer's: a step later, the next corrected code.
    await act(() => clock.set(T0 + 30_000));
    expect(code()).toBe(expectedTotp(SECRETS[0], T0 + 30_000 + OFFSET_MS));

    await click(byTestId(root, 'clock-undo'));
    expect(writes).toEqual([OFFSET_MS, 0]);
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + 30_000)));
    expect(root.querySelector('[data-testid="vault-error"]')).toBeNull();
    expect(opens()).toBe(1);
  });

  it('a stored correction applies from the first code, with no warning for the same site', async () => {
    const { root, code } = await renderRoot(OFFSET_MS);
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS)));
    byTestId(root, 'clock-correction');
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();
  });
});
