import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { clockCheckSite } from '../../drift/clock-check-site';
import type { FillNotice } from '../../fill-notice';
import type { LastScan } from '../../last-scan';
import {
  type FillCodeMessage,
  type FillCodeReply,
  type FillRefusal,
  NEXT_CODE_BELOW_MS,
  type ScanStartReply,
} from '../../messages';
import { type Account, accountTitle, currentCode, timeRemaining } from '../../otp';
import { PolicyRefusedError } from '../../settings/policy-refused-error';
import type { Vault } from '../../vault';
import { activeSite } from '../active-site';
import { accountNow, type Clock } from '../clock';
import { takeFillNotice } from '../fill-notice-store';
import { filterAccounts } from '../filter-accounts';
import { useAccounts } from '../hooks/use-accounts';
import { ClockContext, defaultClock } from '../hooks/use-clock';
import { type CopyDeps, useCopyCode } from '../hooks/use-copy-code';
import { focusLost, useKeepFocus } from '../hooks/use-keep-focus';
import { useToast } from '../hooks/use-toast';
import { isolateText } from '../isolate-text';
import { takeLastScan } from '../last-scan-store';
import { policyRefusalMessage } from '../policy-refusal-message';
import { requestFill } from '../request-fill';
import { SCAN_REFUSAL_MESSAGE } from '../scan-refusal-message';
import { sitesFirst } from '../sites-first';
import { startScan } from '../start-scan';
import { type MessageKey, t } from '../t';
import { AccountList, type ListActions } from './account-list';
import { AddButton } from './add-button';
import { DamagedNotice } from './damaged-notice';
import { EmptyState } from './empty-state';
import { FillConfirm, preloadPanels, ScanResult } from './lazy-panels';
import { LockButton } from './lock-button';
import { ManualEntryForm } from './manual-entry-form';
import { OptionsButton } from './options-button';
import { ScanButton } from './scan-button';
import { SearchField } from './search-field';
import { Toast } from './toast';
import { VaultErrorNotice } from './vault-error-notice';
import { WorkstationName } from './workstation-name';

/** More accounts than this and the search field appears. */
const SEARCH_FROM = 6;
const UNDO_MS = 8000;

/** The toolbar's buttons that open a panel, and where a lost focus goes. */
const SCAN_BUTTON = '[data-testid="scan"]';
const ADD_BUTTON = '[data-testid="add-manual"]';
const SEARCH_FIELD = '[data-testid="search"]';
/** The focusable part of an account's row. */
const rowSelector = (id: string) => `[data-testid="account"][data-id="${CSS.escape(id)}"] .row-copy`;

/** What the popup says when the worker would not fill. */
const FILL_REFUSAL_MESSAGE: { readonly [R in FillRefusal]: MessageKey } = {
  forbidden: 'fillForbidden',
  'no-tab': 'fillFailed',
  locked: 'fillLocked',
  'passphrase-required': 'fillPassphraseRequired',
  'not-found': 'fillFailed',
  moved: 'fillMoved',
  failed: 'fillFailed',
};

export interface AppProps {
  /** Opens the vault (main.ts starts it before the first render; tests use their own database). */
  readonly openVault: () => Promise<Vault>;
  /** Tests inject a clock they move by hand. */
  readonly clock?: Clock;
  /** Starts a QR scan; by default asks the service worker. */
  readonly onScan?: () => Promise<ScanStartReply>;
  /** The outcome of a scan made while the popup was closed (tests pass their own). */
  readonly lastScan?: () => Promise<LastScan | null>;
  /** Shown under the title (the workstation policy or setting). */
  readonly workstationName?: string;
  /** Locks the vault; undefined when there is no passphrase, so nothing to lock. */
  readonly onLock?: (() => void) | undefined;
  /** False when the policy forbids typing a secret in: no add button. */
  readonly allowManualEntry?: boolean;
  /** False when the policy forbids importing: the empty popup offers no "Importeren". */
  readonly allowImport?: boolean;
  /**
   * False when the policy forbids deleting accounts: no "Verwijderen" in a row's menu and the
   * Delete key does nothing (the vault refuses a removal too, with the policy read at that moment).
   */
  readonly allowDeleteAccounts?: boolean;
  /** The origin of the page the popup was opened on (issue 12); by default read from the active tab. */
  readonly site?: () => Promise<string | undefined>;
  /** Fills an account's code into that page; by default asks the service worker. */
  readonly onFill?: (message: FillCodeMessage) => Promise<FillCodeReply | undefined>;
  /** What the fill command left for the popup, if anything. */
  readonly fillNotice?: () => Promise<FillNotice | null>;
  /** Clearing a copied code (tests pass fakes; by default the worker and chrome.permissions). */
  readonly clipboard?: CopyDeps;
  /**
   * Told, once the accounts are read, which page's clock the codes must match (clock-check-site.ts);
   * undefined: none. Never called before that, so a locked or unread vault asks no site.
   * `matched`: some account is of that site (its correction moves theirs); else, while no account
   * has a website, a correction moves the accounts without one.
   */
  readonly onClockSite?: (site: string | undefined, matched: boolean) => void;
  /** Shown under the toolbar, above the list (the clock warning). */
  readonly notices?: ComponentChildren;
  /**
   * The user has just unlocked: the form that had the focus is gone, so once the accounts are
   * read the search field, else the first row, else the scan button takes it.
   */
  readonly focusOnOpen?: boolean;
}

export function App({
  openVault,
  clock = defaultClock,
  onScan = startScan,
  lastScan: readLastScan = takeLastScan,
  workstationName = '',
  onLock,
  allowManualEntry = true,
  allowImport = true,
  allowDeleteAccounts = true,
  site: readSite = activeSite,
  onFill = requestFill,
  fillNotice: readFillNotice = takeFillNotice,
  clipboard,
  onClockSite,
  notices,
  focusOnOpen = false,
}: AppProps) {
  const [toast, { show: showToast, hide: hideToast, hold: holdToast }] = useToast();
  // A change a setting refused (manual entry off, read as it was stored) says which; the form keeps its text.
  const onError = useCallback(
    (error: unknown) =>
      showToast(
        { text: t(error instanceof PolicyRefusedError ? policyRefusalMessage(error) : 'errorSave') },
        error instanceof PolicyRefusedError ? 10_000 : 5000,
      ),
    [showToast],
  );
  const copyCode = useCopyCode(showToast, clipboard);
  const [state, actions] = useAccounts(openVault, onError);
  const [formOpen, setFormOpen] = useState(false);
  const [query, setQuery] = useState('');

  const [lastScan, setLastScan] = useState<LastScan | null>(null);
  const [site, setSite] = useState<string>();
  // The tab's site is read once, asynchronously; undefined is also an answer (no web page).
  const [siteKnown, setSiteKnown] = useState(false);
  const [confirm, setConfirm] = useState<{
    readonly account: Account;
    readonly site: string;
    readonly accountSites: readonly string[];
    readonly onlyAccountSites?: true | undefined;
  }>();
  const [notice, setNotice] = useState<FillNotice | null>(null);
  const main = useRef<HTMLElement>(null);
  const { onFocusIn, focusWhenShown } = useKeepFocus(main, SCAN_BUTTON);
  const focus = (selector: string) => main.current?.querySelector<HTMLElement>(selector)?.focus();

  // Before the first paint: an English browser must not get a frame marked as Dutch.
  useLayoutEffect(() => {
    document.documentElement.lang = t('htmlLang');
  }, []);
  useEffect(() => {
    readLastScan().then(setLastScan, () => setLastScan(null));
  }, [readLastScan]);
  // The panels shown after an answer from elsewhere load once the popup is idle (lazy-panels.ts).
  useEffect(preloadPanels, []);
  useEffect(() => {
    readSite()
      .catch(() => undefined)
      .then((found) => {
        setSite(found);
        setSiteKnown(true);
      });
  }, [readSite]);
  useEffect(() => {
    readFillNotice().then(setNotice, () => setNotice(null));
  }, [readFillNotice]);

  const accounts = state.status === 'ready' ? state.accounts : [];
  const complete = state.status === 'ready' && state.complete;
  const searchable = accounts.length >= SEARCH_FROM;
  const activeQuery = searchable ? query : '';
  // The page's own accounts first (issue 12); with exactly one, its row has the focus: Enter fills.
  const { accounts: visible, matched } = useMemo(
    () => sitesFirst(filterAccounts(accounts, activeQuery), site),
    [accounts, activeQuery, site],
  );
  // Decided on the whole list, not the filtered one, and only before a search: typing must never
  // move the focus to a row (Enter there would fill the page with an account the user did not pick).
  const siteAccounts = useMemo(() => sitesFirst(accounts, site).matched, [accounts, site]);
  const [onlyMatch] = siteAccounts.size === 1 && activeQuery === '' ? siteAccounts : [];
  // The account a scan just added: its row gets the focus (Enter fills in the code the portal
  // asks for next, or copies it on another page) and comes into view below the scan's result.
  const scannedId = lastScan?.status === 'added' && activeQuery === '' ? lastScan.ids[0] : undefined;
  // The account just added by hand: its row gets the focus, as after a scan.
  const [addedId, setAddedId] = useState<string>();
  const damaged = state.status === 'ready' ? state.damaged : 0;
  const focusedOnOpen = useRef(!focusOnOpen);
  useLayoutEffect(() => {
    if (focusedOnOpen.current || !complete) return;
    focusedOnOpen.current = true;
    // The page's one account may have taken it already (AccountList's focusId): Enter fills it.
    if (!focusLost()) return;
    const first = [SEARCH_FIELD, '.accounts .row-copy', SCAN_BUTTON]
      .map((selector) => main.current?.querySelector<HTMLElement>(selector))
      .find((element) => element != null);
    first?.focus();
  });
  useEffect(() => {
    if (onClockSite !== undefined && complete && siteKnown)
      onClockSite(clockCheckSite(site, siteAccounts, accounts, damaged), siteAccounts.size > 0);
  }, [onClockSite, complete, siteKnown, site, siteAccounts, accounts, damaged]);

  const listActions = useMemo<
    ListActions & {
      /** `site`: the one the user was asked about (the worker refuses it for another). */
      confirmFill(account: Account, site: string, rememberSite: boolean): void;
      /** The page had no field for the code: copy it instead, and say so. */
      copyInstead(account: Account, several?: boolean): void;
    }
  >(() => {
    const copyInstead = (account: Account, several = false) =>
      copyCode(
        currentCode(account, accountNow(clock, account)),
        t(several ? 'fillSeveralFields' : 'fillNoField'),
      );
    const fill = (account: Account, confirmedSite?: string, rememberSite = false) => {
      setConfirm(undefined);
      // The worker waits for the next code: say so, or the popup looks stuck for up to 3 s.
      if (
        account.type === 'totp' &&
        timeRemaining(account, accountNow(clock, account)) <= NEXT_CODE_BELOW_MS
      ) {
        showToast({ text: t('fillWaitingNext') }, NEXT_CODE_BELOW_MS + 1000);
      }
      const confirmed = confirmedSite !== undefined;
      onFill({
        type: 'fill-code',
        accountId: account.id,
        confirmed,
        rememberSite,
        ...(confirmed ? { confirmedSite } : {}),
      }).then(
        (reply) => {
          if (reply === undefined) return showToast({ text: t('fillFailed') }, 5000);
          switch (reply.outcome) {
            case 'filled':
              // The code is in the page: the user submits it there.
              return window.close();
            case 'no-field':
              return copyInstead(account, reply.several === true);
            case 'confirm':
              return setConfirm({ ...reply, account });
            case 'refused':
              return showToast({ text: t(FILL_REFUSAL_MESSAGE[reply.reason]) }, 5000);
          }
        },
        () => showToast({ text: t('fillFailed') }, 5000),
      );
    };
    return {
      copy: (account: Account) => copyCode(currentCode(account, accountNow(clock, account))),
      fill: (account: Account) => fill(account),
      confirmFill: (account: Account, site: string, rememberSite: boolean) =>
        fill(account, site, rememberSite),
      copyInstead,
      update: (id, patch) => {
        // Pinning re-sorts the list: the row moves, and a moved element loses the focus. Its ⋮
        // button takes it again once the row is in its new place.
        const row = `[data-testid="account"][data-id="${CSS.escape(id)}"]`;
        if (patch.pinned !== undefined && document.activeElement?.closest(row))
          focusWhenShown(`${row} [data-testid="actions"]`);
        void actions.update(id, patch);
      },
      move: (id, targetId) => void actions.move(id, targetId),
      remove: (account) => {
        // The row had the focus and no other row took it (it was the last): the undo button
        // takes it when the toast shows it, and the toolbar once the toast is gone.
        const active = document.activeElement;
        if (focusLost() || active?.closest(`[data-id="${CSS.escape(account.id)}"]`))
          focusWhenShown('[data-testid="toast"] [data-testid="undo"]');
        return actions.remove(account.id).then((removed) => {
          if (removed === undefined) return false;
          showToast(
            {
              text: t('deleted', isolateText(accountTitle(removed))),
              action: {
                label: t('undo'),
                undoKey: true,
                run: () => {
                  // Back on the row it was on, once the vault has put it back.
                  focusWhenShown(rowSelector(removed.id));
                  hideToast();
                  void actions.restore(removed);
                },
              },
            },
            UNDO_MS,
          );
          return true;
        });
      },
    };
  }, [actions, clock, copyCode, showToast, hideToast, onFill, focusWhenShown]);

  // The fill command could not fill by itself and opened the popup: say why; copy when it found no field.
  useEffect(() => {
    if (notice === null || !complete || !siteKnown) return;
    setNotice(null);
    const account = accounts.find((a) => a.id === notice.copyAccountId);
    // Only on the page the command was given on: opened on another tab, the popup copies nothing.
    if (notice.reason === 'no-field' && account !== undefined && notice.site === site)
      listActions.copyInstead(account);
    else if (notice.reason === 'choose') showToast({ text: t('fillChoose') }, 5000);
    else if (notice.reason === 'forbidden') showToast({ text: t('fillForbidden') }, 5000);
    else if (notice.reason === 'failed') showToast({ text: t('fillFailed') }, 5000);
    else if (notice.reason === 'moved') showToast({ text: t('fillMoved') }, 5000);
  }, [notice, complete, siteKnown, site, accounts, listActions, showToast]);

  return (
    <ClockContext.Provider value={clock}>
      <main ref={main} class="popup" onFocusIn={onFocusIn}>
        <header class="toolbar">
          <h1>{t('extName')}</h1>
          <ScanButton
            onScan={() => {
              onScan().then(
                // The popup closes so the page underneath can be dragged over; it reopens with the result.
                (reply) =>
                  reply.ok
                    ? window.close()
                    : showToast({ text: t(SCAN_REFUSAL_MESSAGE[reply.reason]) }, 10_000),
                () => showToast({ text: t('scanFailed') }, 5000),
              );
            }}
          />
          {allowManualEntry && <AddButton open={formOpen} onToggle={() => setFormOpen(!formOpen)} />}
          <OptionsButton />
          {onLock !== undefined && <LockButton onLock={onLock} />}
        </header>
        <WorkstationName name={workstationName} />
        {notices}
        {formOpen && allowManualEntry && (
          <ManualEntryForm
            onCancel={() => {
              // Back on the button that opened the form, not on the page (the form takes the focus).
              focus(ADD_BUTTON);
              setFormOpen(false);
            }}
            onSave={async (draft) => {
              const result = await actions.add(draft);
              if (result === undefined) return;
              const { account, added } = result;
              // A search may hide the new row: then back on the button that opened the form. A row
              // already in the list may have had the focus once: then its copy button takes it.
              if (activeQuery === '') setAddedId(account.id);
              else focus(ADD_BUTTON);
              if (!added && activeQuery === '') focusWhenShown(rowSelector(account.id));
              setFormOpen(false);
              // Typed in twice: the one in the list (its row has the focus), nothing stored twice.
              showToast({ text: t(added ? 'added' : 'scanDuplicate', isolateText(accountTitle(account))) });
            }}
          />
        )}
        {lastScan && (
          <ScanResult
            scan={lastScan}
            onRename={(id, name) => actions.update(id, { name })}
            onClose={(renamed) => {
              // The scan button started what this reported: the focus goes back to it; after a
              // rename, to the renamed row, whose code the portal asks for next, if it is shown (a
              // search may hide it).
              const row = renamed === undefined ? null : rowSelector(renamed);
              if (row !== null && main.current?.querySelector(row)) focusWhenShown(row);
              else focus(SCAN_BUTTON);
              setLastScan(null);
            }}
          />
        )}
        {confirm && (
          <FillConfirm
            name={accountTitle(confirm.account)}
            site={confirm.site}
            accountSites={confirm.accountSites}
            onlyAccountSites={confirm.onlyAccountSites}
            onConfirm={(remember) => listActions.confirmFill(confirm.account, confirm.site, remember)}
            onCancel={() => {
              setConfirm(undefined);
              // Back where the user was: the fill button of that row (a keyboard user is not lost).
              const row = document.querySelector(
                `[data-testid="account"][data-id="${CSS.escape(confirm.account.id)}"]`,
              );
              row?.querySelector<HTMLElement>('[data-testid="fill"]')?.focus();
            }}
          />
        )}
        {state.status === 'failed' && <VaultErrorNotice error={state.error} />}
        {state.status === 'ready' && <DamagedNotice count={state.damaged} />}
        {searchable && <SearchField value={query} found={visible.length} onInput={setQuery} />}
        {complete && accounts.length === 0 && !formOpen && (
          <EmptyState allowImport={allowImport} suggestPassphrase={onLock === undefined} />
        )}
        {searchable && visible.length === 0 && <p class="empty">{t('noMatches')}</p>}
        {visible.length > 0 && (
          <AccountList
            accounts={visible}
            reorderable={complete && activeQuery.trim() === '' && matched.size === 0}
            complete={complete}
            actions={listActions}
            deletable={allowDeleteAccounts}
            matched={matched}
            focusId={addedId ?? onlyMatch ?? scannedId}
          />
        )}
        <Toast message={toast} onHold={holdToast} />
      </main>
    </ClockContext.Provider>
  );
}
