import { useEffect, useState } from 'preact/hooks';

/** A popup's height of rows (at most 580 px, about 8 rows): what must be on screen first. */
const FIRST_ROWS = 10;
/** Rows upgraded to full per task. */
const STEP = 100;

export interface ProgressiveRows {
  /** How many rows to render at all. */
  readonly shown: number;
  /** How many of them (from the top) to render in full; the others are light: name and code only. */
  readonly full: number;
}

/**
 * Renders a long list in three stages, so that the first codes paint first and every code is in
 * the DOM soon after:
 * 1. the vault's first batch of rows, in full, until they have been painted;
 * 2. then every row there is, but beyond those only light ones (name and code as
 *    plain elements: no components, countdown or actions menu);
 * 3. once the list is `complete`, a chunk of STEP per task, every row in full. Rows beyond the first screenful are
 *    off-screen meanwhile, so this is not seen, and the main thread stays responsive.
 * With 1,000 accounts one synchronous render of full rows held back the last code by a second.
 */
export function useProgressiveRows(total: number, complete: boolean): ProgressiveRows {
  const first = FIRST_ROWS;
  const [painted, setPainted] = useState(false);
  const [full, setFull] = useState(first);
  // An effect runs after the browser has painted the first rows.
  useEffect(() => setPainted(true), []);
  const shown = painted ? total : Math.min(first, total);
  const upgrading = complete && shown === total && full < total;
  useEffect(() => {
    if (!upgrading) return;
    // A task, not a microtask: the browser may paint and handle input between chunks.
    const timer = setTimeout(() => setFull((current) => current + STEP), 0);
    return () => clearTimeout(timer);
  }, [upgrading, full]);
  return { shown, full };
}
