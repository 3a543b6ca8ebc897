import { useContext, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { Account } from '../../otp';
import type { AccountPatch } from '../../vault';
import { ClockContext, useClockValue } from '../hooks/use-clock';
import { useProgressiveRows } from '../hooks/use-progressive-rows';
import { t } from '../t';
import { AccountRow, type RowHandlers } from './account-row';
import { liteRow } from './lite-row';

export interface ListActions {
  copy(account: Account): void;
  fill(account: Account): void;
  update(id: string, patch: AccountPatch): void;
  remove(account: Account): void;
  /** Moves `id` to the place of `targetId`. */
  move(id: string, targetId: string): void;
}

interface AccountListProps {
  /** The accounts to show, in order (already filtered). */
  readonly accounts: readonly Account[];
  readonly reorderable: boolean;
  /** False while the vault is still being read: more accounts will follow. */
  readonly complete: boolean;
  readonly actions: ListActions;
  /** Accounts of the page's site (shown first; Enter fills). */
  readonly matched?: ReadonlySet<string>;
  /** A row to focus once it is shown: the one account of the page's site. */
  readonly focusId?: string | undefined;
}

/** The account list: rendered in chunks, reorderable by drag and by keyboard. */
const NONE: ReadonlySet<string> = new Set();

export function AccountList({
  accounts,
  reorderable,
  complete,
  actions,
  matched = NONE,
  focusId,
}: AccountListProps) {
  const { shown, full } = useProgressiveRows(accounts.length, complete);
  const list = useRef<HTMLUListElement>(null);
  // Handlers read the latest props through refs, so they can stay one stable object.
  const latest = useRef({ accounts, actions });
  latest.current = { accounts, actions };
  const dragged = useRef<string>();
  const focusAfterMove = useRef<string>();
  // The row button that last had focus: a light row's is replaced when the row is upgraded.
  const focused = useRef<HTMLElement>();

  const clock = useContext(ClockContext);
  const lite = accounts.slice(full, shown);
  // Light rows show the current code without a clock of their own: re-render them when a step ends.
  const periods = [...new Set(lite.map((a) => (a.type === 'totp' ? a.period : 0)))];
  useClockValue((now) => periods.map((p) => (p > 0 ? Math.floor(now / 1000 / p) : 0)).join());

  const handlers = useMemo<RowHandlers>(() => {
    const neighbour = (id: string, delta: -1 | 1) => {
      const rows = latest.current.accounts;
      return rows[rows.findIndex((a) => a.id === id) + delta];
    };
    return {
      copy: (account) => latest.current.actions.copy(account),
      fill: (account) => latest.current.actions.fill(account),
      update: (id, patch) => latest.current.actions.update(id, patch),
      remove: (account) => latest.current.actions.remove(account),
      move: (id, delta) => {
        const target = neighbour(id, delta);
        if (target === undefined) return;
        focusAfterMove.current = id;
        latest.current.actions.move(id, target.id);
      },
      focusSibling: (id, delta) => {
        const target = neighbour(id, delta);
        if (target !== undefined) rowElement(list.current, target.id)?.focus();
      },
    };
  }, []);

  /** A light row has no handlers of its own: clicks and keys on it are handled here. */
  const liteAccount = (event: Event): Account | undefined => {
    const row = rowOf(event);
    if (row === null || !row.classList.contains('lite')) return undefined;
    return latest.current.accounts.find((a) => a.id === row.dataset.id);
  };

  // The page's one account gets the focus once, so Enter fills it (issue 12).
  const focusedOnce = useRef(false);
  useLayoutEffect(() => {
    if (focusId === undefined || focusedOnce.current) return;
    const row = rowElement(list.current, focusId);
    if (row === null) return;
    focusedOnce.current = true;
    row.focus();
  });

  useLayoutEffect(() => {
    // Moving a focused element in the DOM drops its focus; so does upgrading a light row. Give it back.
    const moved = focusAfterMove.current;
    focusAfterMove.current = undefined;
    // Only when the focus is really gone (on the body), not when the user has moved it elsewhere.
    const lost = document.activeElement === null || document.activeElement === document.body;
    const detached = focused.current?.isConnected === false ? focused.current : undefined;
    // A detached element is remembered no longer: a later render must not pull the focus back to it.
    if (detached !== undefined) focused.current = undefined;
    const replaced = lost && detached !== undefined ? rowOf(detached)?.dataset.id : undefined;
    const id = moved ?? replaced;
    if (id !== undefined) rowElement(list.current, id)?.focus();
    if (shown > 0) markOnce('first-code');
    if (complete && shown > 0 && shown === accounts.length) markOnce('all-codes');
  });

  const now = clock.now();
  return (
    <>
      <p id="row-hint" class="sr-only">
        {t('rowHint')}
      </p>
      {matched.size > 0 && (
        <p id="fill-row-hint" class="sr-only">
          {t('fillRowHint')} {t('rowHint')}
        </p>
      )}
      {/* Drag and drop is handled here for all rows: five listeners, not five per row. */}
      <ul
        ref={list}
        class="accounts"
        aria-label={t('accountsLabel')}
        onFocusIn={(event) => {
          focused.current = event.target instanceof HTMLElement ? event.target : undefined;
        }}
        onClick={(event) => {
          const account = liteAccount(event);
          if (account !== undefined) handlers.copy(account);
        }}
        onKeyDown={(event) => {
          const account = liteAccount(event);
          if (account === undefined || event.altKey) return;
          if (event.key === 'Enter') handlers.copy(account);
          else if (event.key === 'ArrowUp' || event.key === 'ArrowDown')
            handlers.focusSibling(account.id, event.key === 'ArrowUp' ? -1 : 1);
          else return;
          event.preventDefault();
        }}
        onDragStart={(event) => {
          dragged.current = rowOf(event)?.dataset.id;
        }}
        onDragEnd={() => {
          dragged.current = undefined;
        }}
        onDragOver={(event) => {
          if (dragged.current === undefined) return;
          event.preventDefault();
          markDropTarget(list.current, rowOf(event));
        }}
        onDrop={(event) => {
          event.preventDefault();
          markDropTarget(list.current, null);
          const id = dragged.current;
          const targetId = rowOf(event)?.dataset.id;
          dragged.current = undefined;
          if (id !== undefined && targetId !== undefined && id !== targetId) {
            latest.current.actions.move(id, targetId);
          }
        }}
      >
        {accounts.slice(0, full).map((account, index) => (
          <AccountRow
            key={account.id}
            account={account}
            canMoveUp={index > 0 && accounts[index - 1]?.pinned === account.pinned}
            canMoveDown={accounts[index + 1]?.pinned === account.pinned}
            reorderable={reorderable}
            matched={matched.has(account.id)}
            handlers={handlers}
          />
        ))}
        {lite.map((account) => liteRow(account, now))}
      </ul>
    </>
  );
}

function rowOf(target: Event | Element): HTMLElement | null {
  const element = target instanceof Event ? (target.target as Element | null) : target;
  return element?.closest?.<HTMLElement>('li[data-id]') ?? null;
}

function markDropTarget(list: HTMLElement | null, row: HTMLElement | null): void {
  const current = list?.querySelector('.drop-target');
  if (current === row) return;
  current?.classList.remove('drop-target');
  row?.classList.add('drop-target');
}

/** Timing marks for the benchmark (issue 3), once per page load. */
function markOnce(name: 'first-code' | 'all-codes'): void {
  if (performance.getEntriesByName(name, 'mark').length === 0) performance.mark(name);
}

/** The focusable part of a row. */
function rowElement(list: HTMLElement | null, id: string): HTMLElement | null {
  return list?.querySelector<HTMLElement>(`[data-id="${id}"] .row-copy`) ?? null;
}
