// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import { otpauthUri } from '../../../../extension/backup/otpauth-uri';
import { qrSvgDataUrl } from '../../../../extension/backup/qr-svg-data-url';
import { SECRET_EXPORTS_KEY } from '../../../../extension/settings/secret-exports';
import { byTestId, click, draft, type Popup, press, renderPopup, rowByName, waitFor } from './popup-fixtures';

let popup: Popup | undefined;
afterEach(() => popup?.unmount());

type SettingsListener = (changes: Record<string, unknown>, areaName: string) => void;
/** chrome.storage.onChanged's listeners (the fake below). */
const listeners = new Set<SettingsListener>();

/** A fake chrome.storage.local holding the setting, beside the fake i18n renderPopup installs. */
function storeSetting(allowed: boolean | undefined, policy: Record<string, unknown> = {}): void {
  const chrome = (globalThis as { chrome?: Record<string, unknown> }).chrome ?? {};
  const items: Record<string, unknown> = allowed === undefined ? {} : { [SECRET_EXPORTS_KEY]: allowed };
  chrome.storage = {
    local: {
      get: async (keys: string[]) =>
        Object.fromEntries(keys.filter((k) => k in items).map((k) => [k, items[k]])),
      set: async () => {},
    },
    managed: { get: async () => ({ ...policy }) },
    session: { get: async () => ({}), set: async () => {}, remove: async () => {} },
    onChanged: {
      addListener: (listener: SettingsListener) => listeners.add(listener),
      removeListener: (listener: SettingsListener) => listeners.delete(listener),
    },
  };
  (globalThis as { chrome?: unknown }).chrome = chrome;
}

async function openMenu(name: string, allowed: boolean | undefined): Promise<HTMLElement> {
  popup = await renderPopup([draft(name)]);
  storeSetting(allowed);
  const row = await waitFor(() => rowByName(popup?.container ?? document.body, name));
  await click(byTestId(row, 'actions'));
  return row;
}

describe('row menu: QR code for a phone', () => {
  it('shows the QR code only after the warning is confirmed; it encodes the account’s otpauth URI', async () => {
    const row = await openMenu('Balie', undefined);
    await click(await waitFor(() => byTestId(row, 'show-qr')));
    expect(row.querySelector('img')).toBeNull();
    expect(row.textContent).toContain('Wie deze QR-code ziet');
    await click(byTestId(row, 'show-qr-confirm'));
    const image = await waitFor(() => {
      const img = row.querySelector<HTMLImageElement>('[data-testid="account-qr"] img');
      if (img === null) throw new Error('no QR code yet');
      return img;
    });
    const vault = await popup?.reopen();
    const [account] = (await vault?.list())?.accounts ?? [];
    vault?.close();
    if (account === undefined) throw new Error('setup');
    expect(image.getAttribute('src')).toBe(await qrSvgDataUrl(otpauthUri(account)));
    expect(image.getAttribute('alt')).toContain('Balie');
    // A secret shown is kept in the activity log (that one was shown, not which).
    const [newest] = await readActivity();
    expect(newest?.event).toEqual({ kind: 'exported', what: 'account-qr', count: 1 });
    expect(JSON.stringify(newest)).not.toContain('Balie');
  });

  it('requirePassphrase arriving after the popup opened, no passphrase set yet: no QR code, and says why', async () => {
    const row = await openMenu('Balie', true);
    // The policy arrives while the popup is open (its rows were drawn without it).
    storeSetting(true, { requirePassphrase: true });
    await click(await waitFor(() => byTestId(row, 'show-qr')));
    await click(byTestId(row, 'show-qr-confirm'));
    const refused = await waitFor(() => byTestId(row, 'qr-refused'));
    expect(refused.textContent).toBe(
      'De QR-code is niet getoond: uw organisatie vereist eerst een wachtwoordzin. Stel die in bij ‘Instellingen’ → ‘Vergrendeling’.',
    );
    expect(row.querySelector('[data-testid="account-qr"]')).toBeNull();
  });

  it('a double click on “QR-code tonen” shows and logs it once', async () => {
    const shown = async () =>
      (await readActivity()).filter((e) => JSON.stringify(e.event).includes('account-qr')).length;
    const row = await openMenu('Balie', true);
    const before = await shown();
    await click(await waitFor(() => byTestId(row, 'show-qr')));
    const confirm = byTestId(row, 'show-qr-confirm');
    confirm.click();
    confirm.click();
    await waitFor(() => byTestId(row, 'account-qr'));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await shown()).toBe(before + 1);
  });

  it('once shown, its “Verbergen” has the focus (after a mouse click too), and Escape hides it', async () => {
    const row = await openMenu('Balie', true);
    await click(await waitFor(() => byTestId(row, 'show-qr')));
    await click(byTestId(row, 'show-qr-confirm'));
    const figure = await waitFor(() => byTestId(row, 'account-qr'));
    const hide = figure.querySelector('button') as HTMLButtonElement;
    await waitFor(() => expect(document.activeElement).toBe(hide));
    await press(hide, 'Escape');
    await waitFor(() => expect(row.querySelector('[data-testid="account-qr"]')).toBeNull());
  });

  it('hides the QR code when the popup loses focus', async () => {
    const row = await openMenu('Balie', true);
    await click(await waitFor(() => byTestId(row, 'show-qr')));
    await click(byTestId(row, 'show-qr-confirm'));
    await waitFor(() => byTestId(row, 'account-qr'));
    window.dispatchEvent(new Event('blur'));
    await waitFor(() => expect(row.querySelector('[data-testid="account-qr"]')).toBeNull());
  });

  it('leaves the open menu once exports that reveal secrets are switched off meanwhile, and comes back', async () => {
    const row = await openMenu('Balie', true);
    await waitFor(() => byTestId(row, 'show-qr'));
    storeSetting(false);
    for (const listener of listeners) listener({ [SECRET_EXPORTS_KEY]: { newValue: false } }, 'local');
    await waitFor(() => expect(row.querySelector('[data-testid="show-qr"]')).toBeNull());
    storeSetting(true);
    for (const listener of listeners) listener({ [SECRET_EXPORTS_KEY]: { newValue: true } }, 'local');
    await waitFor(() => byTestId(row, 'show-qr'));
  });

  it('is not offered when exports that reveal secrets are switched off', async () => {
    const row = await openMenu('Balie', false);
    await waitFor(() => byTestId(row, 'delete'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(row.querySelector('[data-testid="show-qr"]')).toBeNull();
  });
});
