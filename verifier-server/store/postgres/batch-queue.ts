/** How a BatchQueue groups what is submitted to it. */
export interface BatchQueueOptions<Item> {
  /** Most items one batch carries. */
  readonly maxBatch: number;
  /** Batches under way at once; what arrives meanwhile waits and goes in the next batch. */
  readonly maxInFlight: number;
  /**
   * Items that must be waiting before a batch starts while another is under way (1 by default).
   * With nothing under way a batch starts at once, however small; under load the batches are
   * then no smaller than this (unless `keyOf` keeps waiting items apart), so each costs the
   * database less per item.
   */
  readonly overlapAt?: number;
  /** Items with the same key never share a batch: the later one waits for a later batch, in order. */
  readonly keyOf?: (item: Item) => string | number;
  /**
   * Longest wait for a batch (ms): an item still waiting then is failed with `expired()`, never
   * run, so the caller's answer stays bounded when the batches under way hang.
   */
  readonly maxWaitMs: number;
  readonly expired: () => unknown;
}

/**
 * Runs one batch: one result per item, in the items' order. A promise is an item's answer that
 * comes later, outside the batch (its rejection fails that item only): the batch's slot is free at
 * once and the other items are answered without waiting for it. A throw fails every item of the
 * batch.
 */
export type BatchRunner<Item, Result> = (
  items: readonly Item[],
) => Promise<readonly (Result | Promise<Result>)[]>;

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly key: string | number | undefined;
  readonly deadline: number;
  readonly resolve: (result: Result | PromiseLike<Result>) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers what is submitted in the same turn of the event loop, and while earlier batches are
 * under way, into batches run by `run`: many requests, one statement. A lone item is run at the
 * next turn (setImmediate), so batching costs an idle server no more than that turn; under load
 * the batches grow with the wait for a free slot (or for `overlapAt` items), so each item costs
 * less the busier it gets.
 */
export function createBatchQueue<Item, Result>(
  run: BatchRunner<Item, Result>,
  options: BatchQueueOptions<Item>,
): (item: Item) => Promise<Result> {
  const { maxBatch, maxInFlight, keyOf, maxWaitMs, expired, overlapAt = 1 } = options;
  if (!(maxBatch >= 1 && maxInFlight >= 1 && overlapAt >= 1 && maxWaitMs > 0))
    throw new RangeError('maxBatch, maxInFlight and overlapAt must be at least 1, maxWaitMs above 0');
  /** How far into the queue a batch looks for items whose key it does not have yet. */
  const window = maxBatch * 4;
  let queue: Waiting<Item, Result>[] = [];
  let inFlight = 0;
  let scheduled = false;
  let expiry: NodeJS.Timeout | null = null;

  /** Whether the next batch may start now. */
  const ready = () =>
    inFlight === 0 ? queue.length > 0 : inFlight < maxInFlight && queue.length >= overlapAt;
  const schedule = () => {
    if (scheduled || !ready()) return;
    scheduled = true;
    setImmediate(flush);
  };

  /** Fails what waited too long; watches the oldest of the rest. */
  const expire = () => {
    expiry = null;
    const now = performance.now();
    const late = queue.filter((w) => w.deadline <= now);
    if (late.length > 0) {
      queue = queue.filter((w) => w.deadline > now);
      for (const w of late) w.reject(expired());
    }
    watch();
  };
  const watch = () => {
    // The queue keeps the order of arrival, so its first item is the oldest.
    const oldest = queue[0];
    if (expiry !== null || oldest === undefined) return;
    expiry = setTimeout(expire, Math.max(0, oldest.deadline - performance.now()));
    expiry.unref();
  };
  const unwatch = () => {
    if (expiry === null || queue.length > 0) return;
    clearTimeout(expiry);
    expiry = null;
  };

  /** The next batch: the oldest items, skipping one whose key is already in it (it stays, in order). */
  const take = (): Waiting<Item, Result>[] => {
    if (keyOf === undefined) return queue.splice(0, maxBatch);
    const batch: Waiting<Item, Result>[] = [];
    const left: Waiting<Item, Result>[] = [];
    const keys = new Set<string | number | undefined>();
    const looked = queue.slice(0, window);
    for (const waiting of looked) {
      if (batch.length < maxBatch && !keys.has(waiting.key)) {
        keys.add(waiting.key);
        batch.push(waiting);
      } else left.push(waiting);
    }
    queue = queue.length > window ? left.concat(queue.slice(window)) : left;
    return batch;
  };

  const settle = async (batch: readonly Waiting<Item, Result>[]) => {
    try {
      const results = await run(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`a batch of ${batch.length} gave ${results.length} results`);
      batch.forEach((w, i) => {
        w.resolve(results[i] as Result | Promise<Result>);
      });
    } catch (error) {
      for (const w of batch) w.reject(error);
    } finally {
      inFlight--;
      schedule();
    }
  };

  function flush() {
    scheduled = false;
    while (ready()) {
      inFlight++;
      void settle(take());
    }
    unwatch();
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      const key = keyOf?.(item);
      queue.push({ item, key, deadline: performance.now() + maxWaitMs, resolve, reject });
      schedule();
      watch();
    });
}
