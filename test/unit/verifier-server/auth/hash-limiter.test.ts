import { describe, expect, test } from 'vitest';
import { clientGroup, clientKey } from '../../../../verifier-server/auth/client-key';
import {
  createHashLimiter,
  type HashLane,
  PER_PROOF,
  TooBusyError,
  TRUSTED_RUN,
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

const stranger = (client: string, group = client): HashLane => ({ client, group, trusted: false });
/** A stranger at `ip`, its client and group derived as the password step derives them. */
const from = (ip: string): HashLane => ({ client: clientKey(ip), group: clientGroup(ip), trusted: false });
const tick = () => new Promise((resolve) => setImmediate(resolve));
/** A remembered browser (or a session): trusted by its proof, from `client`. */
const remembered = (proof: string, client = 'R'): HashLane => ({
  client,
  group: client,
  trusted: true,
  proof,
});

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
    all.push(limit(async () => started.push('trusted'), { client: 'S1', group: 'S1', trusted: true }));
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
    expect(() => limit.ensureRoom({ client: 'C', group: 'C', trusted: true })).not.toThrow();
    running.open();
    expect(await Promise.all([first, waiting])).toEqual(['busy', 'b1']);
    expect(() => limit.ensureRoom(stranger('C'))).not.toThrow();
  });
});

describe('groups: the /64s of one IPv6 /48 share one share of the strangers queue (SECURITY #30)', () => {
  const record = (started: string[], name: string) => async () => {
    started.push(name);
    return name;
  };
  /** The i-th /64 of the flooding /48 2001:db8:66::/48. */
  const floodAddress = (i: number) => `2001:db8:66:${i.toString(16)}::1`;

  test('a flood from 300 /64s of one /48 cannot fill the queue: others are still queued and soon served', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 64, perClient: 4 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const flood = [limit(running.task, from(floodAddress(0)))];
    for (let i = 1; i < 300; i++) flood.push(limit(record(started, `flood${i}`), from(floodAddress(i))));
    // Another /48 and an IPv4 address still find room, before and when they ask.
    for (const ip of ['2001:db8:77:1::1', '198.51.100.7'])
      expect(() => limit.ensureRoom(from(ip))).not.toThrow();
    const other = limit(record(started, 'other /48'), from('2001:db8:77:1::1'));
    const ipv4 = limit(record(started, 'IPv4'), from('198.51.100.7'));
    running.open();
    const answers = await Promise.allSettled(flood);
    expect(await Promise.all([other, ipv4])).toEqual(['other /48', 'IPv4']);
    // Served in turn by group: one of the flood's, then each newcomer.
    expect(started.indexOf('other /48')).toBeLessThanOrEqual(2);
    expect(started.indexOf('IPv4')).toBeLessThanOrEqual(3);
    // The flood had one hash running and a quarter of the queue (16) waiting; the rest was refused.
    const refused = answers.filter((a) => a.status === 'rejected');
    expect(refused).toHaveLength(300 - 1 - 16);
    for (const r of refused) expect(r.reason).toBeInstanceOf(TooBusyError);
  });

  test('a group over its share is refused before anything is claimed, other groups are not, and room comes back as it is served', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 10, perClient: 1, perGroup: 3 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const all = [limit(running.task, stranger('X'))];
    for (let i = 1; i <= 3; i++) all.push(limit(record(started, `g${i}`), stranger(`g${i}`, 'G')));
    // The group's fourth client is refused though neither it nor the queue is full.
    expect(() => limit.ensureRoom(stranger('g4', 'G'))).toThrow(TooBusyError);
    await expect(limit(async () => 'g4', stranger('g4', 'G'))).rejects.toBeInstanceOf(TooBusyError);
    expect(() => limit.ensureRoom(stranger('h1', 'H'))).not.toThrow();
    all.push(limit(record(started, 'h1'), stranger('h1', 'H')));
    running.open();
    await Promise.all(all);
    expect(() => limit.ensureRoom(stranger('g4', 'G'))).not.toThrow();
  });

  test('strangers are served in turn by group, then by client within the group', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 100, perClient: 10, perGroup: 100 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const all = [limit(running.task, stranger('X'))];
    const queued: Array<[client: string, group: string]> = [
      ['a1', 'A'],
      ['a1', 'A'],
      ['a1', 'A'],
      ['a2', 'A'],
      ['b1', 'B'],
      ['b1', 'B'],
      ['c1', 'C'],
    ];
    for (const [client, group] of queued) all.push(limit(record(started, client), stranger(client, group)));
    running.open();
    await Promise.all(all);
    expect(started).toEqual(['busy', 'a1', 'b1', 'c1', 'a2', 'b1', 'a1', 'a1']);
  });

  test('the default share is a quarter of the queue, at least `perClient`', async () => {
    const queued = async (limits: { queue: number; perClient: number }) => {
      const limit = createHashLimiter({ concurrency: 1, ...limits });
      const running = gate([], 'busy');
      const all = [limit(running.task, stranger('X'))];
      let n = 0;
      while (n < limits.queue) {
        try {
          limit.ensureRoom(stranger(`g${n}`, 'G'));
        } catch {
          break;
        }
        all.push(limit(async () => 'g', stranger(`g${n}`, 'G')));
        n++;
      }
      running.open();
      await Promise.all(all);
      return n;
    };
    expect(await queued({ queue: 64, perClient: 4 })).toBe(16);
    expect(await queued({ queue: 8, perClient: 4 })).toBe(4);
  });
});

describe('trusted clients: first, but neither one browser nor many can starve strangers (SECURITY #24, #30)', () => {
  test('one remembered browser has at most PER_PROOF hashes running or waiting; another proof is not held up', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 64, perClient: 2 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const all: Array<Promise<unknown>> = [limit(running.task, remembered('token-1'))];
    for (let i = 1; i < PER_PROOF; i++) all.push(limit(async () => 'again', remembered('token-1')));
    expect(() => limit.ensureRoom(remembered('token-1'))).toThrow(TooBusyError);
    await expect(limit(async () => 'flood', remembered('token-1'))).rejects.toBeInstanceOf(TooBusyError);
    // From the same address (a practice behind one router): another browser's proof still waits.
    all.push(limit(async () => 'colleague', remembered('token-2')));
    running.open();
    await Promise.all(all);
    // Its own hashes done, the browser may log in again.
    expect(await limit(async () => 'later', remembered('token-1'))).toBe('later');
  });

  test('a stranger waits behind at most TRUSTED_RUN trusted hashes, however many remembered browsers queue', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 64, perClient: 2 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const record = (name: string) => async () => void started.push(name);
    const all: Array<Promise<unknown>> = [limit(running.task, stranger('X'))];
    for (let i = 1; i <= 10; i++) all.push(limit(record(`t${i}`), remembered(`token-${i}`, `R${i}`)));
    all.push(limit(record('stranger'), stranger('S')));
    await tick();
    running.open();
    await Promise.all(all);
    const trustedFirst = Array.from({ length: TRUSTED_RUN }, (_, i) => `t${i + 1}`);
    expect(started.slice(0, TRUSTED_RUN + 2)).toEqual(['busy', ...trustedFirst, 'stranger']);
    expect(started).toHaveLength(12);
  });

  test('with no stranger waiting, trusted hashes run one after another without a pause', async () => {
    const limit = createHashLimiter({ concurrency: 1, queue: 64, perClient: 2 });
    const started: string[] = [];
    const running = gate(started, 'busy');
    const all: Array<Promise<unknown>> = [limit(running.task, remembered('token-0'))];
    for (let i = 1; i <= TRUSTED_RUN + 2; i++)
      all.push(limit(async () => void started.push(`t${i}`), remembered(`token-${i}`)));
    await tick();
    running.open();
    await Promise.all(all);
    expect(started).toEqual(['busy', ...Array.from({ length: TRUSTED_RUN + 2 }, (_, i) => `t${i + 1}`)]);
  });
});
