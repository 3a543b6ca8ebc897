// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readActivity } from '../../../../extension/activity/read-activity';
import { saveSession } from '../../../../extension/lock/session-store';
import { THROTTLE_KEY } from '../../../../extension/lock/unlock-with-passphrase';
import { accountQrUrl } from '../../../../extension/popup/account-qr-url';
import { MIN_ARGON2ID, openVault, type SessionKey } from '../../../../extension/vault';
import { type FakeStorageArea, fakeStorageArea } from '../../../support/fake-storage-area';
import {
  byTestId,
  click,
  draft,
  fill,
  type Popup,
  press,
  renderPopup,
  rowByName,
  waitFor,
} from './popup-fixtures';

/**
 * With a passphrase on the vault, a row's "QR-code tonen voor een telefoon" asks for it (docs/security.md,
 * "Exports"), checked through the unlock throttle (checkPassphraseNow) before the code is drawn.
 */

const PASSPHRASE = 'een lange zin voor de balie';
/** The vault's answer to a passphrase: happy-dom's DOMException is not the one the vault recognises
 * as a wrong passphrase (unlock-vault-now.test.ts tries the real one, in Node). */
const vaultCheck = vi.hoisted(() => ({ session: undefined as unknown, tried: [] as string[] }));
vi.mock('../../../../extension/lock/open-with-passphrase', () => ({
  openWithPassphrase: async (passphrase: string) => {
    vaultCheck.tried.push(passphrase);
    return passphrase === PASSPHRASE ? vaultCheck.session : undefined;
  },
}));

let popup: Popup | undefined;
let local: FakeStorageArea;

afterEach(() => popup?.unmount());

/**
 * The popup's row, with the extension's own vault (the one account-qr-url.ts opens) unlocked in
 * session storage: with a passphrase or not.
 */
async function openRow(withPassphrase: boolean): Promise<HTMLElement> {
  popup = await renderPopup([draft('Balie')]);
  const vault = await openVault();
  let session: SessionKey | undefined;
  try {
    if (withPassphrase)
      session = await vault.setPassphrase(PASSPHRASE, {
        name: 'argon2id',
        params: MIN_ARGON2ID,
      });
  } finally {
    vault.close();
  }
  vaultCheck.session = session;
  local = fakeStorageArea();
  const sessionArea = fakeStorageArea();
  if (session !== undefined) await saveSession(sessionArea, session);
  const chrome = (globalThis as { chrome?: Record<string, unknown> }).chrome ?? {};
  chrome.storage = {
    local,
    session: sessionArea,
    managed: { get: async () => ({}) },
    onChanged: { addListener: () => undefined, removeListener: () => undefined },
  };
  (globalThis as { chrome?: unknown }).chrome = chrome;
  const row = await waitFor(() => rowByName(popup?.container ?? document.body, 'Balie'));
  await click(byTestId(row, 'actions'));
  await click(await waitFor(() => byTestId(row, 'show-qr')));
  return row;
}

const failures = () => (local.data[THROTTLE_KEY] as { failures: number } | undefined)?.failures ?? 0;
const qrShown = (row: HTMLElement) => row.querySelector('[data-testid="account-qr"]') !== null;
const qrLogged = async () =>
  (await readActivity()).filter((e) => JSON.stringify(e.event).includes('account-qr'));

beforeEach(() => {
  vaultCheck.tried = [];
});

describe('row menu: QR code for a phone, with a passphrase on the vault', () => {
  it('asks for it with the warning; empty costs no try, wrong is refused in the field and counts; right shows it', async () => {
    const row = await openRow(true);
    const field = await waitFor(() => byTestId<HTMLInputElement>(row, 'show-qr-passphrase'));
    expect(field.type).toBe('password');
    expect(row.querySelector(`label[for="${field.id}"]`)?.textContent).toBe('Huidige wachtwoordzin');

    await click(byTestId(row, 'show-qr-confirm'));
    const refused = await waitFor(() => byTestId(row, 'qr-refused'));
    expect(refused.textContent).toBe('Vul uw huidige wachtwoordzin in.');
    await waitFor(() => expect(document.activeElement).toBe(field));
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')?.split(' ')).toContain(refused.id);
    expect([vaultCheck.tried, failures(), qrShown(row)]).toEqual([[], 0, false]);

    await fill(field, 'een verkeerde zin');
    await click(byTestId(row, 'show-qr-confirm'));
    await waitFor(() =>
      expect(byTestId(row, 'qr-refused').textContent).toBe(
        'De huidige wachtwoordzin klopt niet. Let op hoofdletters (Caps Lock).',
      ),
    );
    expect([vaultCheck.tried, failures(), qrShown(row)]).toEqual([['een verkeerde zin'], 1, false]);
    expect(await qrLogged()).toEqual([]);

    // Enter in the field, as "QR-code tonen".
    await fill(field, PASSPHRASE);
    await press(field, 'Enter');
    await waitFor(() => expect(qrShown(row)).toBe(true));
    expect(failures()).toBe(0);
    expect(await qrLogged()).toHaveLength(1);
  }, 20_000);

  it('after the free tries, the wait is said; while it runs nothing is checked', async () => {
    const row = await openRow(true);
    local.data[THROTTLE_KEY] = { failures: 3, notBefore: Date.now() + 60_000 };
    const field = await waitFor(() => byTestId<HTMLInputElement>(row, 'show-qr-passphrase'));
    await fill(field, PASSPHRASE);
    await click(byTestId(row, 'show-qr-confirm'));
    await waitFor(() =>
      expect(byTestId(row, 'qr-refused').textContent).toBe('Wacht nog 1 seconde en probeer het dan opnieuw.'),
    );
    expect(field.getAttribute('aria-invalid')).toBeNull();
    expect([vaultCheck.tried, qrShown(row)]).toEqual([[], false]);
  }, 20_000);
});

describe('row menu: QR code for a phone, without a passphrase', () => {
  it('asks for none: no field, and the QR code shows as before', async () => {
    const row = await openRow(false);
    await click(byTestId(row, 'show-qr-confirm'));
    await waitFor(() => expect(qrShown(row)).toBe(true));
    expect(row.querySelector('[data-testid="show-qr-passphrase"]')).toBeNull();
    expect(vaultCheck.tried).toEqual([]);
  });
});

describe('accountQrUrl: the one place that draws an account’s QR code', () => {
  it('refuses without the passphrase: empty costs no try, wrong counts one; neither draws nor logs', async () => {
    await openRow(true);
    const account = { ...draft('Balie'), id: 'x', order: 0, pinned: false };
    const verify = vi.fn(async () => ({ status: 'wrong', waitMs: 0 }) as const);
    const deps = { openVault: () => openVault({ session: vaultCheck.session as SessionKey }), verify };
    expect(await accountQrUrl(account, '', deps)).toEqual({ status: 'empty' });
    expect(verify).not.toHaveBeenCalled();
    expect(await accountQrUrl(account, 'een verkeerde zin', deps)).toEqual({ status: 'wrong', waitMs: 0 });
    expect(verify).toHaveBeenCalledWith('een verkeerde zin');
    expect(await qrLogged()).toEqual([]);
  }, 20_000);
});
