/** How a BatchQueue groups what is submitted to it. */
export interface BatchQueueOptions<Item> {
  /** Most items one batch carries. */
  readonly maxBatch: number;
  /** Batches under way at once; what arrives meanwhile waits and goes in the next batch. */
  readonly maxInFlight: number;
  /** Items with the same key never share a batch: the later one waits for a later batch, in order. */
  readonly keyOf?: (item: Item) => string | number;
}

/** A result that fails its one item (with `error`), not the others of its batch. */
export class ItemFailure {
  constructor(readonly error: unknown) {}
}

/**
 * Runs one batch: one result per item, in the items' order; an ItemFailure fails its item only.
 * A throw fails every item of the batch.
 */
export type BatchRunner<Item, Result> = (
  items: readonly Item[],
) => Promise<readonly (Result | ItemFailure)[]>;

interface Waiting<Item, Result> {
  readonly item: Item;
  readonly resolve: (result: Result) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Gathers what is submitted in the same turn of the event loop, and while earlier batches are
 * under way, into batches run by `run`: many requests, one statement. A lone item is run at the
 * next turn (setImmediate), so batching costs an idle server no more than that turn; under load
 * the batches grow with the wait for a free slot, so each item costs less the busier it gets.
 */
export function createBatchQueue<Item, Result>(
  run: BatchRunner<Item, Result>,
  options: BatchQueueOptions<Item>,
): (item: Item) => Promise<Result> {
  const { maxBatch, maxInFlight, keyOf } = options;
  if (!(maxBatch >= 1 && maxInFlight >= 1))
    throw new RangeError('maxBatch and maxInFlight must be at least 1');
  let queue: Waiting<Item, Result>[] = [];
  let inFlight = 0;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || queue.length === 0 || inFlight >= maxInFlight) return;
    scheduled = true;
    setImmediate(flush);
  };

  /** The next batch: the oldest items, skipping one whose key is already in it (it stays, in order). */
  const take = (): Waiting<Item, Result>[] => {
    if (keyOf === undefined) return queue.splice(0, maxBatch);
    const batch: Waiting<Item, Result>[] = [];
    const left: Waiting<Item, Result>[] = [];
    const keys = new Set<string | number>();
    for (const waiting of queue) {
      const key = keyOf(waiting.item);
      if (batch.length < maxBatch && !keys.has(key)) {
        keys.add(key);
        batch.push(waiting);
      } else left.push(waiting);
    }
    queue = left;
    return batch;
  };

  const settle = async (batch: readonly Waiting<Item, Result>[]) => {
    try {
      const results = await run(batch.map((w) => w.item));
      if (results.length !== batch.length)
        throw new Error(`a batch of ${batch.length} gave ${results.length} results`);
      batch.forEach((w, i) => {
        const result = results[i] as Result | ItemFailure;
        if (result instanceof ItemFailure) w.reject(result.error);
        else w.resolve(result);
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
    while (queue.length > 0 && inFlight < maxInFlight) {
      inFlight++;
      void settle(take());
    }
  }

  return (item) =>
    new Promise<Result>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      schedule();
    });
}
