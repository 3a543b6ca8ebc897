import { describe, expect, test } from 'vitest';
import {
  createHashLimiter,
  type HashLane,
  TooBusyError,
} from '../../../../verifier-server/auth/hash-limiter';

/** A task that runs until the test says so, recording the order in which tasks start. */
function gate(started: string[], name: string) {
  let open: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    open = resolve;
  });
  return {
    task: async () => {
      started.push(name);
      await done;
      return name;
    },
    open: () => open(),
  };
}

const stranger = (client: string): HashLane => ({ client, trusted: false });
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('createHashLimiter (issue 9, finding 6; SECURITY #30)', () => {
  test('one address may have `perClient` hashes running or waiting; more are refused at once', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 100, perClient: 2 });
    const started: string[] = [];
    const a = gate(started, 'a1');
    const b = gate(started, 'a2');
    const first = limit(a.task, stranger('A'));
    const second = limit(b.task, stranger('A'));
    await expect(limit(async () => 'a3', stranger('A'))).rejects.toBeInstanceOf(TooBusyError);
    // Another address is not refused.
    const other = limit(async () => 'b1', stranger('B'));
    a.open();
    b.open();
    expect(await Promise.all([first, second, other])).toEqual(['a1', 'a2', 'b1']);
  });

  test('waiting strangers are served one address at a time, so a flood cannot starve a newcomer', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 100, perClient: 10 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const record = (name: string) => async () => {
      started.push(name);
      return name;
    };
    const all = [limit(running.task, stranger('X'))];
    for (let i = 0; i < 5; i++) all.push(limit(record(`flood${i}`), stranger('F')));
    all.push(limit(record('newcomer'), stranger('N')));
    running.open();
    await Promise.all(all);
    expect(started.indexOf('newcomer')).toBeLessThanOrEqual(2);
  });

  test('trusted clients go first and are not bound by the strangers queue', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 2, perClient: 10 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const all: Array<Promise<unknown>> = [limit(running.task, stranger('X'))];
    all.push(limit(async () => started.push('s1'), stranger('S1')));
    all.push(limit(async () => started.push('s2'), stranger('S2')));
    await expect(limit(async () => 's3', stranger('S3'))).rejects.toBeInstanceOf(TooBusyError);
    all.push(limit(async () => started.push('trusted'), { client: 'S1', trusted: true }));
    await tick();
    running.open();
    await Promise.all(all);
    expect(started).toEqual(['busy', 'trusted', 's1', 's2']);
  });

  test('a task that throws frees its place', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 1, perClient: 1 });
    await expect(limit(() => Promise.reject(new Error('boom')), stranger('A'))).rejects.toThrow('boom');
    expect(await limit(async () => 'again', stranger('A'))).toBe('again');
  });

  test('ensureRoom refuses exactly when a hash would be refused, and takes no place itself', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 1, perClient: 2 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const first = limit(running.task, stranger('A'));
    // Running: one more may wait, from any address.
    expect(() => limit.ensureRoom(stranger('B'))).not.toThrow();
    expect(() => limit.ensureRoom(stranger('B'))).not.toThrow();
    const waiting = limit(async () => 'b1', stranger('B'));
    // The strangers' queue is full now; a trusted client still has its own.
    expect(() => limit.ensureRoom(stranger('C'))).toThrow(TooBusyError);
    await expect(limit(async () => 'c1', stranger('C'))).rejects.toBeInstanceOf(TooBusyError);
    expect(() => limit.ensureRoom({ client: 'C', trusted: true })).not.toThrow();
    running.open();
    expect(await Promise.all([first, waiting])).toEqual(['busy', 'b1']);
    expect(() => limit.ensureRoom(stranger('C'))).not.toThrow();
  });
});
