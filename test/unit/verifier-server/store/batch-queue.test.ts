import { describe, expect, test } from 'vitest';
import { createBatchQueue, ItemFailure } from '../../../../verifier-server/store/postgres/batch-queue';

/**
 * The queue that lets attempts under way at the same time share a statement (PostgreSQL's second
 * step): what goes in one batch, what waits, and whose failure fails whom.
 */

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A runner that records its batches and answers each item doubled, when `release` is called. */
function recorder() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const run = (items: readonly number[]) => {
    batches.push([...items]);
    return new Promise<number[]>((resolve) => pending.push(() => resolve(items.map((x) => x * 2))));
  };
  const release = async () => {
    for (const go of pending.splice(0)) go();
    // The batch settles (microtasks), then the next one is formed at the following turn.
    await turn();
    await turn();
  };
  return { batches, run, release };
}

describe('batches', () => {
  test('what is submitted in one turn goes in one batch; each submitter gets its own result', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 1 });
    const results = Promise.all([1, 2, 3].map(submit));
    await turn();
    expect(r.batches).toEqual([[1, 2, 3]]);
    await r.release();
    expect(await results).toEqual([2, 4, 6]);
  });

  test('no batch is larger than maxBatch', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 2, maxInFlight: 5 });
    const results = Promise.all([1, 2, 3, 4, 5].map(submit));
    await turn();
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
    await r.release();
    expect(await results).toEqual([2, 4, 6, 8, 10]);
  });

  test('while maxInFlight batches are under way, what arrives waits, then goes together', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 1 });
    const first = submit(1);
    await turn();
    const later = Promise.all([submit(2), turn().then(() => submit(3))]);
    await turn();
    await turn();
    expect(r.batches).toEqual([[1]]);
    await r.release();
    expect(await first).toBe(2);
    expect(r.batches).toEqual([[1], [2, 3]]);
    await r.release();
    expect(await later).toEqual([4, 6]);
  });

  test('items with the same key never share a batch; they keep their order, others are not held back', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 1, keyOf: (x: number) => x % 10 });
    const results = Promise.all([11, 21, 12, 31, 13].map(submit));
    await turn();
    expect(r.batches).toEqual([[11, 12, 13]]);
    await r.release();
    expect(r.batches[1]).toEqual([21]);
    await r.release();
    expect(r.batches[2]).toEqual([31]);
    await r.release();
    expect(await results).toEqual([22, 42, 24, 62, 26]);
  });
});

describe('failures', () => {
  test("a runner's throw fails its batch only; the queue goes on", async () => {
    let calls = 0;
    const submit = createBatchQueue(
      async (items: readonly number[]) => {
        calls++;
        if (calls === 1) throw new Error('database gone');
        return items.map((x) => x + 1);
      },
      { maxBatch: 2, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map(submit));
    expect(results).toEqual([
      { status: 'rejected', reason: new Error('database gone') },
      { status: 'rejected', reason: new Error('database gone') },
      { status: 'fulfilled', value: 4 },
    ]);
  });

  test('an ItemFailure fails its own item only', async () => {
    const submit = createBatchQueue(
      async (items: readonly number[]) =>
        items.map((x) => (x === 2 ? new ItemFailure(new Error('conflict')) : x)),
      { maxBatch: 10, maxInFlight: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map(submit));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('conflict') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  test('a runner that answers too few items fails the batch rather than leave a submitter waiting', async () => {
    const submit = createBatchQueue(async (items: readonly number[]) => items.slice(1), {
      maxBatch: 10,
      maxInFlight: 1,
    });
    const results = await Promise.allSettled([1, 2].map(submit));
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });

  test.each([
    [0, 1],
    [1, 0],
    [Number.NaN, 1],
  ])('maxBatch %d, maxInFlight %d: refused', (maxBatch, maxInFlight) => {
    expect(() => createBatchQueue(async () => [], { maxBatch, maxInFlight })).toThrow(RangeError);
  });
});
