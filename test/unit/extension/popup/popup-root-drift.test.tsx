// @vitest-environment happy-dom
/**
 * The clock correction in the popup with a faked clock (issue 11): after "correct" every code is
 * the one at now + offset, the list stays open while the root re-renders, and undo restores. And
 * which pages may move the codes at all: only an account's site (a phishing page is not even
 * asked), any web page while no account has a site, and none while the vault is locked.
 */
import 'fake-indexeddb/auto';
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ClockCorrection, NO_CORRECTION } from '../../../../extension/drift/clock-offset';
import type { AccountDraft } from '../../../../extension/otp';
import { PopupRoot } from '../../../../extension/popup/components/popup-root';
import { resolveSettings } from '../../../../extension/settings/read-settings';
import { openVault, VaultLockedError } from '../../../../extension/vault';
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

const PORTAL = 'https://portaal.example';

const PORTAL_ACCOUNT = draft('Portaal', { origins: [PORTAL] });

interface RootOptions {
  /** The correction already stored. */
  readonly stored?: ClockCorrection;
  readonly drafts?: readonly AccountDraft[];
  /** The origin of the tab the popup is opened on; null: no web page (a chrome:// tab). */
  readonly site?: string | null;
  /** The vault is locked until the lock changes (watchLock's callback). */
  readonly locked?: boolean;
  /** The site's clock minus ours (OFFSET_MS unless told). */
  readonly siteOffsetMs?: number;
}

async function renderRoot({
  stored = NO_CORRECTION,
  drafts = [PORTAL_ACCOUNT],
  site = PORTAL,
  locked = false,
  siteOffsetMs = OFFSET_MS,
}: RootOptions = {}) {
  globalThis.indexedDB = new IDBFactory();
  installChromeI18n('nl');
  const seed = await openVault({ dbName: 'drift' });
  for (const account of drafts) await seed.add(account);
  seed.close();
  const clock = manualClock();
  const writes: ClockCorrection[] = [];
  let offset = stored;
  let opened = 0;
  let isLocked = locked;
  let lockChanged: (() => void) | undefined;
  // Every site asked for its Date header: a request the tab's page would see.
  const asked: string[] = [];
  const root = document.createElement('div');
  document.body.append(root);
  container = root;
  // The site's clock 90 s behind ours (its Date header has whole seconds: the middle of that second
  // is taken, and the request's middle is T0 + 500 ms).
  const siteDate = async (origin: string) => {
    asked.push(origin);
    return {
      host: new URL(origin).host,
      date: new Date(T0 + siteOffsetMs).toUTCString(),
      sentAt: T0 + 400,
      receivedAt: T0 + 600,
    };
  };
  await act(() => {
    render(
      <PopupRoot
        openVault={() => {
          opened += 1;
          return isLocked ? Promise.reject(new VaultLockedError('locked')) : openVault({ dbName: 'drift' });
        }}
        settings={async () => resolveSettings({}, {})}
        unlock={async () => ({ status: 'unlocked' })}
        lock={async () => undefined}
        watchLock={(onChange) => {
          lockChanged = onChange;
          return () => undefined;
        }}
        siteDate={siteDate}
        clockOffset={{
          read: async () => offset,
          write: async (correction) => {
            offset = correction;
            writes.push(correction);
          },
        }}
        clock={clock}
        lastScan={async () => null}
        site={async () => site ?? undefined}
      />,
      root,
    );
  });
  const code = () => digitsOf(byTestId(root, 'code'));
  const codes = () => Array.from(root.querySelectorAll<HTMLElement>('[data-testid="code"]'), digitsOf);
  const unlockElsewhere = async () => {
    isLocked = false;
    await act(() => lockChanged?.());
  };
  return { root, clock, writes, code, codes, opens: () => opened, asked, unlockElsewhere };
}

/** Lets every pending promise and effect run, so a request that was going to be made has been. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(() => new Promise((resolve) => setTimeout(resolve, 10)));
}

describe('popup: the clock correction (faked clock)', () => {
  it('shifts every code by the accepted offset without reopening the vault, and undo restores', async () => {
    const { root, clock, writes, code, opens } = await renderRoot();
    await waitFor(() => byTestId(root, 'clock-drift'));
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0)));

    const correct = byTestId(root, 'clock-correct');
    correct.focus();
    await click(correct);
    expect(writes).toEqual([[{ offsetMs: OFFSET_MS, site: PORTAL }]]); // stored, whole seconds, with its site
    // The button that had the focus is gone: its undo takes it, not the toolbar.
    expect(document.activeElement).toBe(byTestId(root, 'clock-undo'));
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS)));
    expect(root.querySelector('[data-testid="vault-error"]')).toBeNull();
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();
    expect(byTestId(root, 'clock-correction').textContent).toContain('90');
    expect(byTestId(root, 'clock-correction').textContent).toContain('De codes van portaal.example');

    // The corrected clock ticks with the computer's: a step later, the next corrected code.
    await act(() => clock.set(T0 + 30_000));
    expect(code()).toBe(expectedTotp(SECRETS[0], T0 + 30_000 + OFFSET_MS));

    await click(byTestId(root, 'clock-undo'));
    expect(writes).toEqual([[{ offsetMs: OFFSET_MS, site: PORTAL }], NO_CORRECTION]);
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + 30_000)));
    expect(root.querySelector('[data-testid="vault-error"]')).toBeNull();
    expect(opens()).toBe(1);
  });

  it('shows the warning inside the popup under its toolbar, not above the title', async () => {
    const { root } = await renderRoot();
    const warning = await waitFor(() => byTestId(root, 'clock-drift'));
    const main = root.querySelector('main.popup');
    const toolbar = main?.querySelector('header.toolbar');
    expect(root.firstElementChild).toBe(main);
    expect(main?.contains(warning)).toBe(true);
    expect((toolbar?.compareDocumentPosition(warning) ?? 0) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Above the list, where it is seen before a code is used.
    const list = main?.querySelector('.accounts');
    expect(
      (warning.compareDocumentPosition(list as Node) ?? 0) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it('a stored correction applies from the first code, with no warning for the same site', async () => {
    const { root, code } = await renderRoot({ stored: [{ offsetMs: OFFSET_MS, site: PORTAL }] });
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS)));
    byTestId(root, 'clock-correction');
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();
  });
});

describe('popup: a correction moves only the codes of its own site', () => {
  const EVIL = 'https://evil.example';
  const evilAccount = draft('Evil', { origins: [EVIL] }, SECRETS[1]);

  // An account's site sends a Date ahead (here: behind) and the user accepts: were every code to
  // follow it, a portal code phished now would work minutes later.
  it('corrected on another account’s site: that site’s codes move, the portal’s do not', async () => {
    const { root, codes, writes } = await renderRoot({ drafts: [PORTAL_ACCOUNT, evilAccount], site: EVIL });
    await click(await waitFor(() => byTestId(root, 'clock-correct')));
    expect(writes).toEqual([[{ offsetMs: OFFSET_MS, site: EVIL }]]);
    // The page's site first (sites-first.ts): Evil, then Portaal.
    await waitFor(() =>
      expect(codes()).toEqual([expectedTotp(SECRETS[1], T0 + OFFSET_MS), expectedTotp(SECRETS[0], T0)]),
    );
    expect(byTestId(root, 'clock-correction').textContent).toContain('evil.example');
    // Copied as shown: each row's own clock.
    const writeText = vi.fn(async (_text: string) => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const [evilCode, portalCode] = Array.from(root.querySelectorAll<HTMLElement>('[data-testid="code"]'));
    await click(portalCode as HTMLElement);
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith(expectedTotp(SECRETS[0], T0)));
    await click(evilCode as HTMLElement);
    await waitFor(() => expect(writeText).toHaveBeenLastCalledWith(expectedTotp(SECRETS[1], T0 + OFFSET_MS)));
  });

  it('a stored correction of another site leaves the portal’s codes, and the portal’s own is kept beside it', async () => {
    const { root, code, codes, writes } = await renderRoot({
      drafts: [PORTAL_ACCOUNT, evilAccount],
      stored: [{ offsetMs: 600_000, site: EVIL }],
    });
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0)));
    // The portal's clock is measured against the computer's, not against evil.example's correction.
    expect((await waitFor(() => byTestId(root, 'clock-drift'))).textContent).toContain('90');
    await click(byTestId(root, 'clock-correct'));
    expect(writes).toEqual([
      [
        { offsetMs: OFFSET_MS, site: PORTAL },
        { offsetMs: 600_000, site: EVIL },
      ],
    ]);
    // Each site's codes follow its own correction; each is shown, and undone, on its own.
    await waitFor(() =>
      expect(codes()).toEqual([
        expectedTotp(SECRETS[0], T0 + OFFSET_MS),
        expectedTotp(SECRETS[1], T0 + 600_000),
      ]),
    );
    const notices = Array.from(
      root.querySelectorAll('[data-testid="clock-correction"]'),
      (p) => p.textContent,
    );
    expect(notices).toHaveLength(2);
    expect(notices[0]).toContain('portaal.example');
    expect(notices[1]).toContain('evil.example');
    const undos = root.querySelectorAll<HTMLElement>('[data-testid="clock-undo"]');
    await click(undos[1] as HTMLElement);
    expect(writes.at(-1)).toEqual([{ offsetMs: OFFSET_MS, site: PORTAL }]);
    await waitFor(() =>
      expect(codes()).toEqual([expectedTotp(SECRETS[0], T0 + OFFSET_MS), expectedTotp(SECRETS[1], T0)]),
    );
    expect(code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS));
  });

  it('an account of two websites shows, on each, the code of that site’s correction', async () => {
    const other = 'https://login.portaal.example';
    const both = draft('Beide', { origins: [PORTAL, other] });
    const stored = [
      { offsetMs: 600_000, site: other },
      { offsetMs: OFFSET_MS, site: PORTAL },
    ];
    const onPortal = await renderRoot({ drafts: [both], stored, site: PORTAL });
    await waitFor(() => expect(onPortal.code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS)));
    // Measured against the correction the code is shown with: the portal's own, so no warning.
    await settle();
    expect(onPortal.root.querySelector('[data-testid="clock-drift"]')).toBeNull();
    render(null, onPortal.root);
    const onOther = await renderRoot({ drafts: [both], stored, site: other });
    await waitFor(() => expect(onOther.code()).toBe(expectedTotp(SECRETS[0], T0 + 600_000)));
  });

  // Accounts imported from another app, or typed in, have no website: while none has, any page's
  // clock is the best there is, and its correction moves those accounts only.
  it('while no account has a website: the correction moves the accounts without one, and says so', async () => {
    const { root, code, writes } = await renderRoot({ drafts: [draft('Balie')] });
    const correct = await waitFor(() => byTestId(root, 'clock-correct'));
    expect(correct.textContent).toBe(
      'Codes van accounts zonder website aanpassen aan de klok van deze website',
    );
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0)));
    await click(correct);
    expect(writes).toEqual([[{ offsetMs: OFFSET_MS, site: PORTAL, siteless: true }]]);
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0 + OFFSET_MS)));
    expect(byTestId(root, 'clock-correction').textContent).toContain(
      'De codes van accounts zonder website zijn aangepast aan een klokverschil van 90 seconden, gemeten bij portaal.example.',
    );
  });

  it('a correction made while no account had a website moves no account that has one', async () => {
    const { code, codes } = await renderRoot({
      drafts: [draft('Balie'), draft('Elders', { origins: ['https://elders.example'] }, SECRETS[1])],
      stored: [{ offsetMs: 240_000, site: PORTAL, siteless: true }],
      site: null,
    });
    await waitFor(() => expect(code()).toBeDefined());
    await waitFor(() =>
      expect(codes()).toEqual([expectedTotp(SECRETS[0], T0 + 240_000), expectedTotp(SECRETS[1], T0)]),
    );
  });

  // Found by an attacker review: any page may be asked while no account has a website, and one
  // that sent a Date 20 hours ahead got, with one click, codes typed there that the real site
  // would take 20 hours later.
  it.each([
    ['20 hours ahead', 'https://portaal-inloggen.example', 20 * 3_600_000],
    ['6 minutes ahead', 'https://portaal-inloggen.example', 6 * 60_000],
    ['90 s behind, over plain http', 'http://portaal-inloggen.example', OFFSET_MS],
  ])(
    'while no account has a website, a page %s offers no correction, and says why',
    async (_case, site, offset) => {
      const { root, code, writes } = await renderRoot({
        drafts: [draft('Balie')],
        site,
        siteOffsetMs: offset,
      });
      await waitFor(() => byTestId(root, 'clock-drift'));
      expect(root.querySelector('[data-testid="clock-correct"]')).toBeNull();
      expect(byTestId(root, 'clock-correct-refused').textContent).toContain(
        'Zet de klok van deze computer gelijk',
      );
      expect(code()).toBe(expectedTotp(SECRETS[0], T0));
      expect(writes).toEqual([]);
    },
  );

  it('an account’s own site may still correct its codes by hours (a wrong time zone)', async () => {
    const { root, writes } = await renderRoot({ siteOffsetMs: -2 * 3_600_000 });
    await click(await waitFor(() => byTestId(root, 'clock-correct')));
    expect(writes).toEqual([[{ offsetMs: -2 * 3_600_000, site: PORTAL }]]);
  });
});

describe('popup: which page may move the codes (a phishing page must not)', () => {
  const portalAccount = PORTAL_ACCOUNT;

  it('checks the page of an account’s site, and names it', async () => {
    const { root, asked } = await renderRoot({ drafts: [draft('Balie'), portalAccount] });
    const warning = await waitFor(() => byTestId(root, 'clock-drift'));
    expect(warning.textContent).toContain('portaal.example');
    expect(asked).toEqual([PORTAL]);
  });

  it('asks another site nothing while some account has a site: no request, no warning, no correction', async () => {
    const phishing = 'https://portaal-inloggen.example';
    const { root, code, asked } = await renderRoot({ drafts: [portalAccount], site: phishing });
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0)));
    await settle();
    expect(asked).toEqual([]);
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();
    expect(root.querySelector('[data-testid="clock-correct"]')).toBeNull();
  });

  it('checks any web page while no account has a site yet', async () => {
    const elsewhere = 'http://127.0.0.1:8080';
    const { root, asked } = await renderRoot({ drafts: [draft('Balie')], site: elsewhere });
    expect((await waitFor(() => byTestId(root, 'clock-drift'))).textContent).toContain('127.0.0.1:8080');
    expect(asked).toEqual([elsewhere]);
  });

  it('checks no page that is not a web page', async () => {
    const { root, code, asked } = await renderRoot({ site: null });
    await waitFor(() => expect(code()).toBe(expectedTotp(SECRETS[0], T0)));
    await settle();
    expect(asked).toEqual([]);
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();
  });

  it('asks no site anything while the vault is locked; after the unlock, the account’s site', async () => {
    const { root, asked, unlockElsewhere } = await renderRoot({ drafts: [portalAccount], locked: true });
    await waitFor(() => expect(root.querySelector('main.locked')).not.toBeNull());
    await settle();
    expect(asked).toEqual([]);
    expect(root.querySelector('[data-testid="clock-drift"]')).toBeNull();

    await unlockElsewhere();
    await waitFor(() => byTestId(root, 'clock-drift'));
    expect(asked).toEqual([PORTAL]);
  });
});
