import { useEffect, useState } from 'preact/hooks';

/**
 * How many of `total` rows to render: `first` at once, so the first codes paint quickly, then
 * `step` more per task until all are there. With 1,000 accounts one synchronous render would
 * hold back the first paint for the whole list.
 */
export function useProgressiveCount(total: number, first = 30, step = 200): number {
  const [limit, setLimit] = useState(first);
  useEffect(() => {
    if (limit >= total) return;
    // A task, not a microtask: the browser may paint between chunks.
    const timer = setTimeout(() => setLimit((current) => current + step), 0);
    return () => clearTimeout(timer);
  }, [limit, total, step]);
  return Math.min(limit, total);
}
