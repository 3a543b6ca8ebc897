import type { RefObject } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { ESTIMATED_ROW_PX } from '../estimated-row-px';
import { type KeptRow, keptRow, rowOffset, type VisibleRows, visibleRows } from '../visible-rows';

/** Before the list has a height (its first render, or no layout at all): the popup's most. */
const FALLBACK_VIEWPORT_PX = 580;
/** Rendered beyond the view each way once the first screen is painted: keys and wheel find rows ready. */
const OVERSCAN_PX = 600;

export interface ListWindow extends VisibleRows {
  /** True once the first rows have been painted. */
  readonly painted: boolean;
  /** The row `keep` names when the window leaves it out: rendered all the same, in its place. */
  readonly kept: KeptRow | undefined;
  /** Scrolls the list so that row `index` is in view (it is rendered by the next render). */
  reveal(index: number): void;
  /** For the list's scroll event. */
  onScroll(): void;
}

/**
 * Renders only the rows in view, plus about a screenful each way once the first screen is
 * painted; the space of the others is kept as padding, so the scroll bar and scrolling behave as
 * if every row were there. With 1,000 accounts this is ~25 rows instead of 1,000: rendering every
 * row, even a light one, took ~40 ms, and laying them out ~20 ms more (bench/popup-bench.ts).
 * Rows are measured once rendered (names, the next-code hint, an open rename field change their
 * height); the others count as the mean of the measured ones (ESTIMATED_ROW_PX before any).
 * `list` is the scrolling element; its children with a `data-id` are the rows, keyed by `ids`.
 * The row with id `keep` (the focused one) stays rendered wherever the list is scrolled: removing
 * it would drop the focus to the page, and a keyboard or screen-reader user would lose their place.
 */
export function useVisibleRows(
  list: RefObject<HTMLElement>,
  ids: readonly string[],
  keep?: string,
): ListWindow {
  const [top, setTop] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT_PX);
  const [painted, setPainted] = useState(false);
  const heights = useRef(new Map<string, number>());
  const [, setMeasured] = useState(0);
  // An effect runs after the browser has painted the first rows.
  useEffect(() => setPainted(true), []);

  // Rows not yet measured count as the mean of those that were: rows of one list are alike.
  const measuredRows = heights.current.size;
  const estimate =
    measuredRows === 0
      ? ESTIMATED_ROW_PX
      : [...heights.current.values()].reduce((sum, h) => sum + h, 0) / measuredRows;
  const height = (index: number) => heights.current.get(ids[index] ?? '') ?? estimate;
  // A search can shorten the list below the scroll position: show the end of what is left (the
  // browser moves the scroll position there too, a layout later).
  const inView = Math.max(0, Math.min(top, rowOffset(ids.length, height) - viewport));
  const range = visibleRows(ids.length, height, inView, viewport, painted ? OVERSCAN_PX : 0);
  const kept = keep === undefined ? undefined : keptRow(range, ids.indexOf(keep), height);

  useLayoutEffect(() => {
    const element = list.current;
    if (element === null) return;
    let changed = false;
    for (const row of Array.from(element.children)) {
      const id = row instanceof HTMLElement ? row.dataset.id : undefined;
      // Fractional: rounded heights add up to an error of many pixels over hundreds of rows.
      const measured = row instanceof HTMLElement ? row.getBoundingClientRect().height : 0;
      // Zero: not laid out (no layout engine at all in unit tests).
      if (id !== undefined && measured > 0 && heights.current.get(id) !== measured) {
        heights.current.set(id, measured);
        changed = true;
      }
    }
    if (element.clientHeight > 0 && element.clientHeight !== viewport) setViewport(element.clientHeight);
    // The browser moves the scroll position itself when the list gets shorter (a search).
    if (element.scrollTop !== top) setTop(element.scrollTop);
    if (changed) setMeasured((n) => n + 1);
  });

  const latest = useRef({ ids, height });
  latest.current = { ids, height };
  const reveal = useCallback(
    (index: number) => {
      const element = list.current;
      if (element === null) return;
      const offset = rowOffset(index, latest.current.height);
      const rowHeight = latest.current.height(index);
      const view = element.clientHeight > 0 ? element.clientHeight : FALLBACK_VIEWPORT_PX;
      if (offset < element.scrollTop) element.scrollTop = offset;
      else if (offset + rowHeight > element.scrollTop + view) element.scrollTop = offset + rowHeight - view;
      setTop(element.scrollTop);
    },
    [list],
  );
  const onScroll = useCallback(() => {
    if (list.current !== null) setTop(list.current.scrollTop);
  }, [list]);

  return { ...range, painted, kept, reveal, onScroll };
}
