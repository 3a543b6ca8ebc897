import 'fake-indexeddb/auto';
import { HOTP, Secret } from 'otpauth';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { ActivityEvent } from '../../../../extension/activity/activity-event';
import { type FillDeps, fillCode } from '../../../../extension/background/fill-code';
import { MIN_ARGON2ID, openVault, type Vault, VaultLockedError } from '../../../../extension/vault';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const PORTAL = 'https://portaal.example.nl';
const DB = 'fill-code-test';

/** The TOTP code at `ms`, computed independently of the extension. */
const totp = (ms: number) =>
  HOTP.generate({ secret: Secret.fromBase32(SECRET), counter: Math.floor(ms / 30_000) });

let vault: Vault;
let accountId: string;
let filled: Array<{ tabId: number; code: string; site: string }>;
let clock: number;
let recorded: ActivityEvent[];

function deps(overrides: Partial<FillDeps> = {}): FillDeps {
  return {
    openVault: () => openVault({ dbName: DB }),
    requirePassphrase: async () => false,
    fillOnlyOnAccountSites: async () => false,
    now: () => clock,
    wait: async (ms) => {
      clock += ms;
    },
    fillPage: async (tabId, code, site) => {
      filled.push({ tabId, code, site });
      return { filled: true, fields: 1 };
    },
    record: async (event) => {
      recorded.push(event);
    },
    ...overrides,
  };
}

const tab = (url: string) => ({ id: 7, url }) as chrome.tabs.Tab;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  vault = await openVault({ dbName: DB });
  const account = await vault.add({
    type: 'totp',
    secret: Secret.fromBase32(SECRET).bytes,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: 'Demo Portaal',
    label: 'demo',
    name: '',
    origins: [PORTAL],
  });
  accountId = account.id;
  filled = [];
  recorded = [];
  clock = Date.UTC(2026, 10, 30, 12, 0, 10); // 20 s left in the step
});
afterEach(() => vault.close());

describe('fillCode (issue 12; SECURITY #35)', () => {
  test("on the account's own site: the current code goes into the page", async () => {
    const reply = await fillCode(tab(`${PORTAL}/login/code`), { accountId, confirmed: false }, deps());
    expect(reply).toEqual({ outcome: 'filled' });
    expect(filled).toEqual([{ tabId: 7, code: totp(clock), site: PORTAL }]);
  });

  test('on another site nothing reaches the page until the user confirms; then the code does', async () => {
    const phishing = tab('https://portaal.example.nl.inlog-check.example/login');
    const first = await fillCode(phishing, { accountId, confirmed: false }, deps());
    expect(first).toEqual({
      outcome: 'confirm',
      site: 'https://portaal.example.nl.inlog-check.example',
      accountSites: [PORTAL],
    });
    expect(filled).toEqual([]);
    const confirmedSite = first.outcome === 'confirm' ? first.site : '';
    expect(await fillCode(phishing, { accountId, confirmed: true, confirmedSite }, deps())).toEqual({
      outcome: 'filled',
    });
    expect(filled).toHaveLength(1);
    // Confirming never adds the other site to an account that has one.
    expect(
      (await fillCode(phishing, { accountId, confirmed: true, confirmedSite, rememberSite: true }, deps()))
        .outcome,
    ).toBe('filled');
    expect((await vault.get(accountId))?.origins).toEqual([PORTAL]);
    expect(recorded).toEqual([]);
  });

  test('a confirmation counts only for the site it was given for: the tab moved on, the user is asked again', async () => {
    const seen = 'https://portaal-login.example';
    const now = tab('https://elders.example/otp');
    for (const confirmedSite of [seen, undefined]) {
      expect(await fillCode(now, { accountId, confirmed: true, confirmedSite }, deps())).toEqual({
        outcome: 'confirm',
        site: 'https://elders.example',
        accountSites: [PORTAL],
      });
    }
    expect(filled).toEqual([]);
  });

  test('an account without a site asks too, and may be given this one', async () => {
    const plain = await vault.update(accountId, { origins: [] });
    expect(
      (await fillCode(tab(`${PORTAL}/x`), { accountId: plain.id, confirmed: false }, deps())).outcome,
    ).toBe('confirm');
    await fillCode(
      tab(`${PORTAL}/x`),
      { accountId, confirmed: true, confirmedSite: PORTAL, rememberSite: true },
      deps(),
    );
    expect((await vault.get(accountId))?.origins).toEqual([PORTAL]);
    // The activity log says a site was remembered (not which: the vault keeps that encrypted).
    expect(recorded).toEqual([{ kind: 'site-added', via: 'fill' }]);
    expect((await fillCode(tab(`${PORTAL}/y`), { accountId, confirmed: false }, deps())).outcome).toBe(
      'filled',
    );
    expect(recorded).toHaveLength(1);
  });

  test('fillOnlyOnAccountSites: another site gets nothing, confirmed or not, and is never remembered; the own site is filled', async () => {
    let policy = false;
    const only = deps({ fillOnlyOnAccountSites: async () => policy });
    const phishing = tab('https://portaal.example.nl.inlog-check.example/login');
    const site = 'https://portaal.example.nl.inlog-check.example';
    // Off: the question as always.
    expect(await fillCode(phishing, { accountId, confirmed: false }, only)).toEqual({
      outcome: 'confirm',
      site,
      accountSites: [PORTAL],
    });
    // Switched on after the question was asked: read when the confirmed request arrives.
    policy = true;
    const refused = { outcome: 'confirm', site, accountSites: [PORTAL], onlyAccountSites: true };
    for (const confirmed of [false, true])
      expect(await fillCode(phishing, { accountId, confirmed, confirmedSite: site }, only)).toEqual(refused);
    // An account without a site: no site of its own to fill, and none is remembered.
    await vault.update(accountId, { origins: [] });
    expect(
      await fillCode(phishing, { accountId, confirmed: true, confirmedSite: site, rememberSite: true }, only),
    ).toEqual({ ...refused, accountSites: [] });
    expect((await vault.get(accountId))?.origins ?? []).toEqual([]);
    expect(filled).toEqual([]);
    expect(recorded).toEqual([]);
    // The account's own site: filled as before.
    await vault.update(accountId, { origins: [PORTAL] });
    expect(await fillCode(tab(`${PORTAL}/login/code`), { accountId, confirmed: false }, only)).toEqual({
      outcome: 'filled',
    });
    expect(filled).toEqual([{ tabId: 7, code: totp(clock), site: PORTAL }]);
  });

  test('with 3 s or less left it waits for the next step and fills that code', async () => {
    clock = Date.UTC(2026, 10, 30, 12, 0, 27, 500); // 2.5 s left
    const wait = vi.fn(async (ms: number) => {
      clock += ms;
    });
    await fillCode(tab(PORTAL), { accountId, confirmed: false }, deps({ wait }));
    expect(wait).toHaveBeenCalledTimes(1);
    expect(filled[0]?.code).toBe(totp(Date.UTC(2026, 10, 30, 12, 0, 30)));
    expect(filled[0]?.code).not.toBe(totp(Date.UTC(2026, 10, 30, 12, 0, 27, 500)));
  });

  test('the page is told the site the fill is for; one that moved on meanwhile gets nothing, and no copy is offered', async () => {
    await fillCode(tab(`${PORTAL}/login/code`), { accountId, confirmed: false }, deps());
    expect(filled.map((f) => f.site)).toEqual([PORTAL]);
    const moved = deps({ fillPage: async () => ({ filled: false, reason: 'elsewhere' }) });
    expect(await fillCode(tab(PORTAL), { accountId, confirmed: false }, moved)).toEqual({
      outcome: 'refused',
      reason: 'moved',
    });
  });

  test('a page without a field: no-field, so the popup copies instead', async () => {
    const none = deps({ fillPage: async () => ({ filled: false, reason: 'no-field' }) });
    expect(await fillCode(tab(PORTAL), { accountId, confirmed: false }, none)).toEqual({
      outcome: 'no-field',
    });
    const two = deps({ fillPage: async () => ({ filled: false, reason: 'ambiguous' }) });
    expect(await fillCode(tab(PORTAL), { accountId, confirmed: false }, two)).toEqual({
      outcome: 'no-field',
      several: true,
    });
  });

  test.each([
    [0, 'no tab', undefined, 'no-tab'],
    [1, 'a page Chrome protects', tab('chrome://settings'), 'forbidden'],
    [2, 'a file', tab('file:///C:/qr.png'), 'forbidden'],
  ] as const)('case %i: %s is refused, nothing opened', async (_i, _what, target, reason) => {
    const openVaultSpy = vi.fn();
    expect(await fillCode(target, { accountId, confirmed: true }, deps({ openVault: openVaultSpy }))).toEqual(
      {
        outcome: 'refused',
        reason,
      },
    );
    expect(openVaultSpy).not.toHaveBeenCalled();
  });

  test('requirePassphrase without a passphrase: no code reaches the page, confirmed or not; once one is set it does', async () => {
    const policy = deps({ requirePassphrase: async () => true });
    for (const confirmed of [false, true]) {
      expect(
        await fillCode(
          tab(PORTAL),
          { accountId, confirmed, confirmedSite: PORTAL, rememberSite: true },
          policy,
        ),
      ).toEqual({ outcome: 'refused', reason: 'passphrase-required' });
    }
    expect(filled).toEqual([]);
    const session = await vault.setPassphrase('een lange zin voor de balie', {
      name: 'argon2id',
      params: MIN_ARGON2ID,
    });
    const unlocked = deps({
      requirePassphrase: async () => true,
      openVault: () => openVault({ dbName: DB, session }),
    });
    expect(await fillCode(tab(PORTAL), { accountId, confirmed: false }, unlocked)).toEqual({
      outcome: 'filled',
    });
    expect(filled).toEqual([{ tabId: 7, code: totp(clock), site: PORTAL }]);
  });

  test('a locked vault, an unknown account, a page Chrome refuses: refused, with the reason', async () => {
    const locked = deps({ openVault: () => Promise.reject(new VaultLockedError('locked')) });
    expect(await fillCode(tab(PORTAL), { accountId, confirmed: false }, locked)).toEqual({
      outcome: 'refused',
      reason: 'locked',
    });
    expect(await fillCode(tab(PORTAL), { accountId: 'nope', confirmed: false }, deps())).toEqual({
      outcome: 'refused',
      reason: 'not-found',
    });
    const refusedPage = deps({ fillPage: () => Promise.reject(new Error(`Cannot access ${PORTAL}`)) });
    expect(await fillCode(tab(PORTAL), { accountId, confirmed: false }, refusedPage)).toEqual({
      outcome: 'refused',
      reason: 'failed',
    });
  });
});
