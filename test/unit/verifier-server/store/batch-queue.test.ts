import { describe, expect, test } from 'vitest';
import { createBatchQueue } from '../../../../verifier-server/store/postgres/batch-queue';

/**
 * The queue that lets attempts under way at the same time share a statement (PostgreSQL's second
 * step): what goes in one batch, what waits, and whose failure fails whom.
 */

/** No item here waits long enough to expire, unless a test says so. */
const bounds = { maxWaitMs: 60_000, expired: () => new Error('waited too long') };

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
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 1, ...bounds });
    const results = Promise.all([1, 2, 3].map(submit));
    await turn();
    expect(r.batches).toEqual([[1, 2, 3]]);
    await r.release();
    expect(await results).toEqual([2, 4, 6]);
  });

  test('no batch is larger than maxBatch', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 2, maxInFlight: 5, ...bounds });
    const results = Promise.all([1, 2, 3, 4, 5].map(submit));
    await turn();
    expect(r.batches).toEqual([[1, 2], [3, 4], [5]]);
    await r.release();
    expect(await results).toEqual([2, 4, 6, 8, 10]);
  });

  test('while maxInFlight batches are under way, what arrives waits, then goes together', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 1, ...bounds });
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

  test('beside a batch under way, the next starts only once overlapAt items wait', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 2, overlapAt: 3, ...bounds });
    const first = submit(1);
    await turn();
    expect(r.batches).toEqual([[1]]);
    const waiting = [submit(2), submit(3)];
    await turn();
    await turn();
    expect(r.batches).toEqual([[1]]);
    waiting.push(submit(4));
    await turn();
    expect(r.batches).toEqual([[1], [2, 3, 4]]);
    await r.release();
    expect(await first).toBe(2);
    expect(await Promise.all(waiting)).toEqual([4, 6, 8]);
  });

  test('with nothing under way, fewer than overlapAt items start at once: a lone attempt never waits for company', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, { maxBatch: 10, maxInFlight: 2, overlapAt: 5, ...bounds });
    const first = submit(1);
    await turn();
    const second = submit(2);
    await turn();
    expect(r.batches).toEqual([[1]]);
    // The first batch ends: the one item that waited starts at once, not when four more come.
    await r.release();
    expect(r.batches).toEqual([[1], [2]]);
    await r.release();
    expect([await first, await second]).toEqual([2, 4]);
  });

  test('items with the same key never share a batch; they keep their order, others are not held back', async () => {
    const r = recorder();
    const submit = createBatchQueue(r.run, {
      maxBatch: 10,
      maxInFlight: 1,
      keyOf: (x: number) => x % 10,
      ...bounds,
    });
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
      { maxBatch: 2, maxInFlight: 1, ...bounds },
    );
    const results = await Promise.allSettled([1, 2, 3].map(submit));
    expect(results).toEqual([
      { status: 'rejected', reason: new Error('database gone') },
      { status: 'rejected', reason: new Error('database gone') },
      { status: 'fulfilled', value: 4 },
    ]);
  });

  test('a later answer that fails fails its own item only', async () => {
    const submit = createBatchQueue(
      async (items: readonly number[]) =>
        items.map((x) => (x === 2 ? Promise.reject(new Error('conflict')) : x)),
      { maxBatch: 10, maxInFlight: 1, ...bounds },
    );
    const results = await Promise.allSettled([1, 2, 3].map(submit));
    expect(results).toEqual([
      { status: 'fulfilled', value: 1 },
      { status: 'rejected', reason: new Error('conflict') },
      { status: 'fulfilled', value: 3 },
    ]);
  });

  test("an answer that comes later holds up neither the batch's other items nor its slot", async () => {
    let late: (value: number) => void = () => undefined;
    const batches: number[][] = [];
    const submit = createBatchQueue(
      async (items: readonly number[]) => {
        batches.push([...items]);
        return items.map((x) => (x === 2 ? new Promise<number>((resolve) => (late = resolve)) : x));
      },
      { maxBatch: 2, maxInFlight: 1, ...bounds },
    );
    const [one, two, three] = [1, 2, 3].map(submit);
    expect(await one).toBe(1);
    // The slot is free: the next batch ran while item 2 still waits.
    expect(await three).toBe(3);
    expect(batches).toEqual([[1, 2], [3]]);
    late(20);
    expect(await two).toBe(20);
  });

  test('a runner that answers too few items fails the batch rather than leave a submitter waiting', async () => {
    const submit = createBatchQueue(async (items: readonly number[]) => items.slice(1), {
      maxBatch: 10,
      maxInFlight: 1,
      ...bounds,
    });
    const results = await Promise.allSettled([1, 2].map(submit));
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
  });

  test('what waits past maxWaitMs behind a batch that hangs is failed as expired, never run', async () => {
    const batches: number[][] = [];
    const submit = createBatchQueue(
      (items: readonly number[]) => {
        batches.push([...items]);
        return new Promise<number[]>(() => undefined); // the database stopped answering
      },
      { maxBatch: 10, maxInFlight: 1, maxWaitMs: 50, expired: () => new Error('waited too long') },
    );
    void submit(1);
    await turn();
    const started = performance.now();
    await expect(submit(2)).rejects.toThrow('waited too long');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(batches).toEqual([[1]]);
  });

  test.each([
    [0, 1, 1, 1],
    [1, 0, 1, 1],
    [Number.NaN, 1, 1, 1],
    [1, 1, 0, 1],
    [1, 1, 1, 0],
    [1, 1, 1, Number.NaN],
  ])(
    'maxBatch %d, maxInFlight %d, maxWaitMs %d, overlapAt %d: refused',
    (maxBatch, maxInFlight, maxWaitMs, overlapAt) => {
      expect(() =>
        createBatchQueue(async () => [], { ...bounds, maxBatch, maxInFlight, maxWaitMs, overlapAt }),
      ).toThrow(RangeError);
    },
  );
});
