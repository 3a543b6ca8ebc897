import { useCallback, useEffect, useLayoutEffect, useMemo, useState } from 'preact/hooks';
import type { LastScan } from '../../last-scan';
import type { ScanStartReply } from '../../messages';
import { type Account, currentCode, displayName } from '../../otp';
import type { Vault } from '../../vault';
import type { Clock } from '../clock';
import { displayCode } from '../code-cache';
import { filterAccounts } from '../filter-accounts';
import { useAccounts } from '../hooks/use-accounts';
import { ClockContext, defaultClock } from '../hooks/use-clock';
import { type CopyDeps, useCopyCode } from '../hooks/use-copy-code';
import { useToast } from '../hooks/use-toast';
import { takeLastScan } from '../last-scan-store';
import { SCAN_REFUSAL_MESSAGE } from '../scan-refusal-message';
import { startScan } from '../start-scan';
import { t } from '../t';
import { AccountList, type ListActions } from './account-list';
import { AddButton } from './add-button';
import { DamagedNotice } from './damaged-notice';
import { EmptyState } from './empty-state';
import { LockButton } from './lock-button';
import { ManualEntryForm } from './manual-entry-form';
import { OptionsButton } from './options-button';
import { ScanButton } from './scan-button';
import { ScanResult } from './scan-result';
import { SearchField } from './search-field';
import { Toast } from './toast';
import { VaultErrorNotice } from './vault-error-notice';
import { WorkstationName } from './workstation-name';

/** More accounts than this and the search field appears. */
const SEARCH_FROM = 6;
const UNDO_MS = 8000;

export interface AppProps {
  /** Opens the vault (main.tsx starts it before the first render; tests use their own database). */
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
  /** Clearing a copied code (tests pass fakes; by default the worker and chrome.permissions). */
  readonly clipboard?: CopyDeps;
}

export function App({
  openVault,
  clock = defaultClock,
  onScan = startScan,
  lastScan: readLastScan = takeLastScan,
  workstationName = '',
  onLock,
  allowManualEntry = true,
  clipboard,
}: AppProps) {
  const [toast, showToast, hideToast] = useToast();
  const onError = useCallback(() => showToast({ text: t('errorSave') }, 5000), [showToast]);
  const copyCode = useCopyCode(showToast, clipboard);
  // Each code is computed as soon as its account is decrypted, while the others are still being
  // decrypted, and the rows find it ready: with 1,000 accounts, less work after the last decryption.
  const prepareCode = useCallback((account: Account) => void displayCode(account, clock.now()), [clock]);
  const [state, actions] = useAccounts(openVault, onError, prepareCode);
  const [formOpen, setFormOpen] = useState(false);
  const [query, setQuery] = useState('');

  const [lastScan, setLastScan] = useState<LastScan | null>(null);

  // Before the first paint: an English browser must not get a frame marked as Dutch.
  useLayoutEffect(() => {
    document.documentElement.lang = t('htmlLang');
  }, []);
  useEffect(() => {
    readLastScan().then(setLastScan, () => setLastScan(null));
  }, [readLastScan]);

  const accounts = state.status === 'ready' ? state.accounts : [];
  const complete = state.status === 'ready' && state.complete;
  const searchable = accounts.length >= SEARCH_FROM;
  const activeQuery = searchable ? query : '';
  const visible = useMemo(() => filterAccounts(accounts, activeQuery), [accounts, activeQuery]);

  const listActions = useMemo<ListActions>(
    () => ({
      copy: (account: Account) => copyCode(currentCode(account, clock.now())),
      update: (id, patch) => void actions.update(id, patch),
      move: (id, targetId) => void actions.move(id, targetId),
      remove: (account) => {
        void actions.remove(account.id).then((removed) => {
          if (removed === undefined) return;
          showToast(
            {
              text: t('deleted', displayName(removed)),
              action: {
                label: t('undo'),
                run: () => {
                  hideToast();
                  void actions.restore(removed);
                },
              },
            },
            UNDO_MS,
          );
        });
      },
    }),
    [actions, clock, copyCode, showToast, hideToast],
  );

  return (
    <ClockContext.Provider value={clock}>
      <main class="popup">
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
        {formOpen && allowManualEntry && (
          <ManualEntryForm
            onCancel={() => setFormOpen(false)}
            onSave={async (draft) => {
              const added = await actions.add(draft);
              if (added === undefined) return;
              setFormOpen(false);
              showToast({ text: t('added', displayName(added)) });
            }}
          />
        )}
        {lastScan && (
          <ScanResult
            scan={lastScan}
            onRename={(id, name) => actions.update(id, { name })}
            onClose={() => setLastScan(null)}
          />
        )}
        {state.status === 'failed' && <VaultErrorNotice error={state.error} />}
        {state.status === 'ready' && <DamagedNotice count={state.damaged} />}
        {searchable && <SearchField value={query} onInput={setQuery} />}
        {complete && accounts.length === 0 && !formOpen && <EmptyState />}
        {searchable && visible.length === 0 && <p class="empty">{t('noMatches')}</p>}
        {visible.length > 0 && (
          <AccountList
            accounts={visible}
            reorderable={complete && activeQuery.trim() === ''}
            complete={complete}
            actions={listActions}
          />
        )}
        <Toast message={toast} />
      </main>
    </ClockContext.Provider>
  );
}
