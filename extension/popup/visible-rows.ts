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

/** A row rendered outside the window (the focused one), and the space on either side of it. */
export interface KeptRow {
  readonly index: number;
  /** Above the window's rows (else below). */
  readonly above: boolean;
  /** Between the list's top (above) or the window's last row (below) and the kept row. */
  readonly spaceBefore: number;
  /** Between the kept row and the window's first row (above) or the list's end (below). */
  readonly spaceAfter: number;
}

/**
 * Row `index` kept rendered although `range` leaves it out: the space `range` gives the rows
 * not rendered on that side, split around it, so the list stays as tall. Undefined when the row
 * is in the window anyway (or there is none to keep).
 */
export function keptRow(
  range: VisibleRows,
  index: number | undefined,
  height: (index: number) => number,
): KeptRow | undefined {
  if (index === undefined || index < 0 || (index >= range.start && index < range.end)) return undefined;
  const own = height(index);
  if (index < range.start) {
    const spaceBefore = rowOffset(index, height);
    return { index, above: true, spaceBefore, spaceAfter: Math.max(0, range.before - spaceBefore - own) };
  }
  const spaceBefore = rowOffset(index, height) - rowOffset(range.end, height);
  return { index, above: false, spaceBefore, spaceAfter: Math.max(0, range.after - spaceBefore - own) };
}
