/** The rows to render of a long list, and the space the others take (see useVisibleRows). */
export interface VisibleRows {
  /** First row rendered. */
  readonly start: number;
  /** One past the last row rendered. */
  readonly end: number;
  /** Pixels above `start` and below `end`: what the rows not rendered would take. */
  readonly before: number;
  readonly after: number;
}

/**
 * The rows that overlap the part of the list in view, `top` to `top + viewport`, widened by
 * `overscan` pixels each way. `height(i)` is row i's measured height, or an estimate.
 */
export function visibleRows(
  count: number,
  height: (index: number) => number,
  top: number,
  viewport: number,
  overscan: number,
): VisibleRows {
  const from = Math.max(0, top - overscan);
  const to = top + viewport + overscan;
  let start = 0;
  let offset = 0;
  while (start < count - 1 && offset + height(start) <= from) offset += height(start++);
  const before = offset;
  let end = start;
  while (end < count && (end === start || offset < to)) offset += height(end++);
  let after = 0;
  for (let i = end; i < count; i++) after += height(i);
  return { start, end, before, after };
}

/** Where row `index` starts, from the top of the list. */
export function rowOffset(index: number, height: (index: number) => number): number {
  let offset = 0;
  for (let i = 0; i < index; i++) offset += height(i);
  return offset;
}
