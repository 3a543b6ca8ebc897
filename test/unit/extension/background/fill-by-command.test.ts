import 'fake-indexeddb/auto';
import { Secret } from 'otpauth';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { type CommandDeps, fillByCommand } from '../../../../extension/background/fill-by-command';
import type { FillNotice } from '../../../../extension/fill-notice';
import type { AccountDraft } from '../../../../extension/otp';
import { MIN_ARGON2ID, openVault, type Vault, VaultLockedError } from '../../../../extension/vault';

const PORTAL = 'https://portaal.example.nl';
const DB = 'fill-command-test';
let vault: Vault;
let filled: string[];
let opened: FillNotice[];

const draft = (name: string, origins?: string[]): AccountDraft => ({
  type: 'totp',
  secret: Secret.fromBase32('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP').bytes,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: name,
  label: 'demo',
  name,
  ...(origins ? { origins } : {}),
});

function deps(overrides: Partial<CommandDeps> = {}): CommandDeps {
  return {
    openVault: () => openVault({ dbName: DB }),
    requirePassphrase: async () => false,
    fillOnlyOnAccountSites: async () => false,
    now: () => Date.UTC(2026, 10, 30, 12, 0, 5),
    wait: async () => undefined,
    fillPage: async (_tabId, code) => {
      filled.push(code);
      return { filled: true, fields: 1 };
    },
    // A command fills only an account of the page's site: it never remembers one.
    record: async (event) => {
      throw new Error(`recorded ${event.kind}`);
    },
    openPopup: async (notice) => {
      opened.push(notice);
    },
    ...overrides,
  };
}
const tab = (url: string) => ({ id: 3, url }) as chrome.tabs.Tab;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vault = await openVault({ dbName: DB });
  filled = [];
  opened = [];
});
afterEach(() => vault.close());

// Issue 12: Alt+Shift+F fills only an account that belongs to the page (SECURITY #35).
test("exactly one account for the page's site: its code is filled, no popup", async () => {
  await vault.add(draft('Portaal', [PORTAL]));
  await vault.add(draft('Mail', ['https://webmail.example']));
  await fillByCommand(tab(`${PORTAL}/login/code`), deps());
  expect(filled).toHaveLength(1);
  expect(opened).toEqual([]);
});

test.each([
  [0, 'no account for the site', [draft('Mail', ['https://webmail.example'])]],
  [1, 'two accounts for the site', [draft('Balie', [PORTAL]), draft('Kamer 1', [PORTAL])]],
  [2, 'an account without a site', [draft('Portaal')]],
])('case %i: %s: nothing is filled, the popup opens to choose', async (_i, _what, drafts) => {
  for (const d of drafts) await vault.add(d);
  await fillByCommand(tab(`${PORTAL}/x`), deps());
  expect(filled).toEqual([]);
  expect(opened).toEqual([{ reason: 'choose', at: expect.any(Number) }]);
});

test('a page without a field: the popup opens and copies that account', async () => {
  const account = await vault.add(draft('Portaal', [PORTAL]));
  await fillByCommand(tab(PORTAL), deps({ fillPage: async () => ({ filled: false, reason: 'no-field' }) }));
  expect(opened).toEqual([
    { reason: 'no-field', copyAccountId: account.id, site: PORTAL, at: expect.any(Number) },
  ]);
});

test('the tab moved on to another site while the code was fetched: the popup says so, no choice, nothing to copy', async () => {
  await vault.add(draft('Portaal', [PORTAL]));
  await fillByCommand(tab(PORTAL), deps({ fillPage: async () => ({ filled: false, reason: 'elsewhere' }) }));
  expect(opened).toEqual([{ reason: 'moved', at: expect.any(Number) }]);
});

test('a locked vault: the popup opens to unlock, nothing is read or filled', async () => {
  const fillPage = vi.fn();
  await fillByCommand(
    tab(PORTAL),
    deps({ openVault: () => Promise.reject(new VaultLockedError('locked')), fillPage }),
  );
  expect(opened).toEqual([{ reason: 'locked', at: expect.any(Number) }]);
  expect(fillPage).not.toHaveBeenCalled();
});

test('a page Chrome protects: the popup opens to say so, nothing is read or filled', async () => {
  await vault.add(draft('Portaal', [PORTAL]));
  const openVault = vi.fn();
  await fillByCommand(tab('chrome://newtab'), deps({ openVault }));
  expect(filled).toEqual([]);
  expect(openVault).not.toHaveBeenCalled();
  expect(opened).toEqual([{ reason: 'forbidden', at: expect.any(Number) }]);
});

test('a vault that cannot be read: the popup opens to say so (no unhandled failure)', async () => {
  await fillByCommand(tab(PORTAL), deps({ openVault: () => Promise.reject(new Error('disk')) }));
  expect(opened).toEqual([{ reason: 'failed', at: expect.any(Number) }]);
});

test('requirePassphrase without a passphrase: nothing is filled, the popup opens to ask for one', async () => {
  await vault.add(draft('Portaal', [PORTAL]));
  await fillByCommand(tab(PORTAL), deps({ requirePassphrase: async () => true }));
  expect(filled).toEqual([]);
  expect(opened).toEqual([{ reason: 'passphrase-required', at: expect.any(Number) }]);
});

test('requirePassphrase with a passphrase set (and unlocked): the code is filled as usual', async () => {
  await vault.add(draft('Portaal', [PORTAL]));
  const session = await vault.setPassphrase('een lange zin voor de balie', {
    name: 'argon2id',
    params: MIN_ARGON2ID,
  });
  await fillByCommand(
    tab(PORTAL),
    deps({ requirePassphrase: async () => true, openVault: () => openVault({ dbName: DB, session }) }),
  );
  expect(filled).toHaveLength(1);
  expect(opened).toEqual([]);
});
