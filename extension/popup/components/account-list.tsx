import { useContext, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Account } from '../../otp';
import type { AccountPatch } from '../../vault';
import { accountNow } from '../clock';
import { displayCode } from '../code-cache';
import { ClockContext } from '../hooks/use-clock';
import { useVisibleRows } from '../hooks/use-visible-rows';
import { t } from '../t';
import type { KeptRow } from '../visible-rows';
import { AccountRow, type RowHandlers } from './account-row';

export interface ListActions {
  copy(account: Account): void;
  fill(account: Account): void;
  update(id: string, patch: AccountPatch): void;
  /** True once the account is removed; false when it was not (a policy refused it, say). */
  remove(account: Account): Promise<boolean>;
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
  /** False when the policy allowDeleteAccounts is off: the rows offer no way to delete. */
  readonly deletable?: boolean;
  /** Accounts of the page's site (shown first; Enter fills). */
  readonly matched?: ReadonlySet<string>;
  /**
   * A row to focus once it is shown, if nothing has the focus yet: the one account of the page's
   * site, or the one a scan just added. One the windowed list has not rendered is scrolled to.
   */
  readonly focusId?: string | undefined;
}

const NONE: ReadonlySet<string> = new Set();

/**
 * The account list: only the rows in view are rendered (useVisibleRows), every one in full;
 * reorderable by drag and by keyboard, and the arrow keys walk the whole list.
 */
export function AccountList({
  accounts,
  reorderable,
  complete,
  actions,
  deletable = true,
  matched = NONE,
  focusId,
}: AccountListProps) {
  const list = useRef<HTMLUListElement>(null);
  // Before the window's own layout effect measures the rows: the mark is for the DOM, not layout.
  useLayoutEffect(() => {
    if (accounts.length > 0) markOnce('first-code');
  });
  const ids = useMemo(() => accounts.map((account) => account.id), [accounts]);
  // The row that has the focus stays rendered when the wheel scrolls it away (useVisibleRows).
  const [keptId, setKeptId] = useState<string>();
  const view = useVisibleRows(list, ids, keptId);
  // Handlers read the latest props through refs, so they can stay one stable object.
  const latest = useRef({ accounts, actions, reveal: view.reveal });
  latest.current = { accounts, actions, reveal: view.reveal };
  const dragged = useRef<string>();
  const focusAfterMove = useRef<string>();
  // A row scrolled into view by the keyboard, to be focused once rendered.
  const focusWhenShown = useRef<string>();
  // The row button that last had focus: re-rendering may replace it.
  const focused = useRef<HTMLElement>();
  const clock = useContext(ClockContext);

  const handlers = useMemo<RowHandlers>(() => {
    const focusAt = (index: number) => {
      const account = latest.current.accounts[index];
      if (account === undefined) return;
      const row = rowElement(list.current, account.id);
      if (row !== null) return row.focus();
      // Not rendered yet: scroll to it, and focus it once it is.
      focusWhenShown.current = account.id;
      latest.current.reveal(index);
    };
    const neighbour = (id: string, delta: -1 | 1) => {
      const rows = latest.current.accounts;
      const index = rows.findIndex((a) => a.id === id) + delta;
      const account = rows[index];
      return account === undefined ? undefined : { account, index };
    };
    return {
      copy: (account) => latest.current.actions.copy(account),
      fill: (account) => latest.current.actions.fill(account),
      update: (id, patch) => latest.current.actions.update(id, patch),
      remove: (account) => {
        // The row and its focus go: the focus moves to the next row (the previous at the end).
        const next = neighbour(account.id, 1) ?? neighbour(account.id, -1);
        if (next !== undefined) rowElement(list.current, next.account.id)?.focus();
        return latest.current.actions.remove(account);
      },
      move: (id, delta) => {
        const target = neighbour(id, delta);
        if (target === undefined) return;
        focusAfterMove.current = id;
        latest.current.actions.move(id, target.account.id);
      },
      focusSibling: (id, delta) => {
        const target = neighbour(id, delta);
        if (target !== undefined) focusAt(target.index);
      },
      focusEdge: (edge) => focusAt(edge === 'first' ? 0 : latest.current.accounts.length - 1),
    };
  }, []);

  // The page's one account gets the focus once, so Enter fills it (issue 12).
  const focusedOnce = useRef<string>();
  const revealed = useRef<string>();
  useLayoutEffect(() => {
    if (focusId === undefined || focusedOnce.current === focusId) return;
    const row = rowElement(list.current, focusId);
    if (row === null) {
      // Not rendered (far down a long list): scrolled to once; the next render focuses it.
      const index = latest.current.accounts.findIndex((account) => account.id === focusId);
      if (index >= 0 && revealed.current !== focusId) {
        revealed.current = focusId;
        latest.current.reveal(index);
      }
      return;
    }
    focusedOnce.current = focusId;
    // Only a focus nobody has yet: never taken from the search field or another control.
    if (document.activeElement === null || document.activeElement === document.body) row.focus();
  });

  useLayoutEffect(() => {
    // Moving a focused element in the DOM drops its focus; give it back.
    const moved = focusAfterMove.current;
    focusAfterMove.current = undefined;
    const shown = focusWhenShown.current;
    if (shown !== undefined && rowElement(list.current, shown) !== null) focusWhenShown.current = undefined;
    // Only when the focus is really gone (on the body), not when the user has moved it elsewhere.
    const lost = document.activeElement === null || document.activeElement === document.body;
    const detached = focused.current?.isConnected === false ? focused.current : undefined;
    // A detached element is remembered no longer: a later render must not pull the focus back to it.
    if (detached !== undefined) focused.current = undefined;
    const replaced = lost && detached !== undefined ? rowOf(detached)?.dataset.id : undefined;
    const id = moved ?? shown ?? replaced;
    if (id !== undefined) rowElement(list.current, id)?.focus();
  });

  // Every account's code, once the first rows are painted: a row scrolled into view, or found
  // by the search, finds its code ready. What the benchmark calls "all codes" (issue 9).
  useEffect(() => {
    if (!view.painted || !complete) return;
    for (const account of accounts) displayCode(account, accountNow(clock, account));
    if (accounts.length > 0) markOnce('all-codes');
  }, [view.painted, complete, accounts, clock]);

  const { kept } = view;
  const row = (index: number) => {
    const account = accounts[index];
    return account === undefined ? null : (
      <AccountRow
        key={account.id}
        account={account}
        position={index + 1}
        setSize={accounts.length}
        canMoveUp={index > 0 && accounts[index - 1]?.pinned === account.pinned}
        canMoveDown={accounts[index + 1]?.pinned === account.pinned}
        reorderable={reorderable}
        matched={matched.has(account.id)}
        deletable={deletable}
        handlers={handlers}
      />
    );
  };

  /** The kept row in its place, with the space before and after it (keyed as the spacers it takes). */
  const keptPlace = (k: KeptRow, before: string, after: string) => [
    <Spacer key={before} height={k.spaceBefore} />,
    row(k.index),
    <Spacer key={after} height={k.spaceAfter} />,
  ];

  return (
    <>
      {/* What the keys do, read with each row: moving only while the list can be reordered. */}
      <p id="row-hint" class="sr-only">
        {reorderable ? t('rowHint') : t('rowHintCopy')}
      </p>
      {matched.size > 0 && (
        <p id="fill-row-hint" class="sr-only">
          {t('fillRowHint')}
        </p>
      )}
      {/* Drag and drop is handled here for all rows: five listeners, not five per row. */}
      <ul
        ref={list}
        class="accounts"
        aria-label={t('accountsLabel')}
        onScroll={view.onScroll}
        onFocusIn={(event) => {
          focused.current = event.target instanceof HTMLElement ? event.target : undefined;
          setKeptId(rowOf(event)?.dataset.id);
        }}
        onFocusOut={(event) => {
          // To another control of the popup: the row may go. To nowhere (a click on a part that
          // takes no focus, the row removed): once the focus has settled on the page itself. The
          // window losing the focus keeps it on the row, which then stays.
          const to = event.relatedTarget;
          if (to instanceof Node) {
            if (!list.current?.contains(to)) setKeptId(undefined);
          } else {
            setTimeout(() => {
              if (document.activeElement === null || document.activeElement === document.body)
                setKeptId(undefined);
            });
          }
        }}
        onDragStart={(event) => {
          dragged.current = rowOf(event)?.dataset.id;
          if (dragged.current !== undefined) event.dataTransfer?.setData(ROW_DRAG_TYPE, dragged.current);
        }}
        onDragEnd={() => {
          // Also a cancelled drag (Esc, dropped outside): no row stays marked as the target.
          dragged.current = undefined;
          markDropTarget(list.current, null);
        }}
        onDragOver={(event) => {
          if (dragged.current === undefined || !isRowDrag(event)) return;
          event.preventDefault();
          markDropTarget(list.current, rowOf(event));
        }}
        onDrop={(event) => {
          event.preventDefault();
          markDropTarget(list.current, null);
          const id = isRowDrag(event) ? dragged.current : undefined;
          const targetId = rowOf(event)?.dataset.id;
          dragged.current = undefined;
          if (id !== undefined && targetId !== undefined && id !== targetId) {
            latest.current.actions.move(id, targetId);
          }
        }}
      >
        {/* The rows not rendered, as space: the list scrolls as if every row were there. */}
        {/* One flat, keyed list: a row keeps its element (and its focus) as it moves between the
            window and its kept place. */}
        {[
          ...(kept?.above === true
            ? keptPlace(kept, 'space-top', 'space-kept')
            : [<Spacer key="space-top" height={view.before} />]),
          ...accounts.slice(view.start, view.end).map((_, offset) => row(view.start + offset)),
          ...(kept?.above === false
            ? keptPlace(kept, 'space-kept', 'space-end')
            : [<Spacer key="space-end" height={view.after} />]),
        ]}
      </ul>
    </>
  );
}

/**
 * Stands for rows not rendered. An element, not the list's padding: a scrolling flex item cannot
 * shrink below its padding, so padding would make the list as tall as all its rows. Always there,
 * if need be 0 px tall: a keyed child that renders nothing makes Preact move the next row's
 * element, and moving an element drops its focus.
 */
function Spacer({ height }: { height: number }) {
  return <li class="spacer" aria-hidden="true" style={{ height: `${Math.max(0, height)}px` }} />;
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

/**
 * Marks a drag as one of our rows. A row scrolled out of the window while dragged never reports
 * its dragend, so `dragged` alone could make something dragged in from outside move that row.
 */
const ROW_DRAG_TYPE = 'application/x-authenticator-row';

/** True for a drag of one of our rows (or where the event carries no drag data at all). */
function isRowDrag(event: DragEvent): boolean {
  return event.dataTransfer?.types === undefined || event.dataTransfer.types.includes(ROW_DRAG_TYPE);
}
