export class TooBusyError extends Error {
  override name = 'TooBusyError';
  readonly retryAfterSeconds = 1;
}

/** Who asks for a hash: the client's address, its network, and whether it proved itself (SECURITY #30). */
export interface HashLane {
  /** The client (clientKey): an IPv4 address, an IPv6 /64. */
  readonly client: string;
  /** The client's network (clientGroup): an IPv4 address, an IPv6 /48. Strangers share the queue by it first. */
  readonly group: string;
  /**
   * A browser with a valid remember-browser token or a full session: served before strangers (a
   * few in a row at most, then a stranger who waits) and not bound by the per-address limits.
   */
  readonly trusted: boolean;
  /**
   * What made it trusted (the remember token's or the session's hash): at most PER_PROOF hashes
   * of one proof run or wait at once, so one remembered browser cannot fill the trusted queue.
   */
  readonly proof?: string;
}

/** Hashes one proof may have running or waiting: a form sent twice (a double click), not a flood. */
export const PER_PROOF = 2;

/**
 * Trusted hashes started in a row while a stranger waits; then the stranger's turn. Several
 * remembered browsers of one account holder (each a proof of its own) could otherwise keep the
 * trusted queue full and no stranger would ever be served (SECURITY #24, #30).
 */
export const TRUSTED_RUN = 4;

export interface HashLimits {
  /** Hashes running at once (each holds ~19 MiB and a libuv thread). */
  readonly concurrency: number;
  /** Strangers' hashes waiting, across all addresses; trusted ones have a queue of the same size. */
  readonly queue: number;
  /** Hashes one address may have running or waiting; more are refused at once. */
  readonly perClient: number;
  /**
   * Strangers' hashes one group (one IPv6 /48) may have waiting; more are refused at once, so the
   * /64s of one allocation cannot fill the queue. Default: a quarter of `queue`, at least `perClient`.
   */
  readonly perGroup?: number;
}

/** One group's waiting strangers: per client, in turn (Map keeps insertion order). */
interface WaitingGroup {
  waiting: number;
  readonly clients: Map<string, Array<() => void>>;
}

/** Sends `key` to the back of the turn order `turns` if it still waits, else drops it. */
function endTurn<V>(turns: Map<string, V>, key: string, value: V, stillWaiting: boolean): void {
  turns.delete(key);
  if (stillWaiting) turns.set(key, value);
}

/**
 * Bounds password hashing (SECURITY #30, issue 9 #6): at most `concurrency` run; strangers wait in
 * one queue per address, served in turn by group (an IPv6 /48) and, within a group, by address,
 * so neither a flood from a few addresses nor one from the many /64s of one allocation can starve
 * the others; trusted clients are served first, up to TRUSTED_RUN in a row while a stranger
 * waits, and at most PER_PROOF per remembered browser or session. Anything over a bound is
 * refused with TooBusyError (answered 429 + Retry-After) instead of queueing without limit.
 */
export function createHashLimiter(limits: HashLimits) {
  const perGroup = limits.perGroup ?? Math.max(limits.perClient, Math.floor(limits.queue / 4));
  let running = 0;
  const trusted: Array<() => void> = [];
  /** Groups in turn; every group and client in it has someone waiting. */
  const strangers = new Map<string, WaitingGroup>();
  let strangersWaiting = 0;
  /** Running or waiting, per client (`client:` keys) and per proof (`proof:` keys). */
  const inFlight = new Map<string, number>();
  const countKeys = (lane: HashLane) =>
    lane.proof === undefined ? [`client:${lane.client}`] : [`client:${lane.client}`, `proof:${lane.proof}`];
  /** Trusted hashes started since the last stranger's. */
  let trustedRun = 0;

  /** The first client in turn of the first group in turn; each then goes to the back of its turn order. */
  const nextStranger = (): (() => void) | undefined => {
    for (const [key, group] of strangers) {
      for (const [client, queue] of group.clients) {
        const next = queue.shift();
        endTurn(group.clients, client, queue, queue.length > 0);
        group.waiting--;
        endTurn(strangers, key, group, group.waiting > 0);
        strangersWaiting--;
        return next;
      }
    }
    return undefined;
  };

  const release = () => {
    const strangerDue = strangersWaiting > 0 && (trusted.length === 0 || trustedRun >= TRUSTED_RUN);
    const next = strangerDue ? nextStranger() : trusted.shift();
    if (next === undefined) {
      running--;
      return;
    }
    trustedRun = strangerDue ? 0 : trustedRun + 1;
    next();
  };

  const runsNow = () => running < limits.concurrency && trusted.length === 0 && strangersWaiting === 0;

  /** Why `lane` would be refused now, or null: it may run or wait. */
  const refusal = (lane: HashLane): TooBusyError | null => {
    if (!lane.trusted && (inFlight.get(`client:${lane.client}`) ?? 0) >= limits.perClient)
      return new TooBusyError('too many hashes for one client');
    if (lane.proof !== undefined && (inFlight.get(`proof:${lane.proof}`) ?? 0) >= PER_PROOF)
      return new TooBusyError('too many hashes for one browser');
    if (runsNow()) return null;
    if ((lane.trusted ? trusted.length : strangersWaiting) >= limits.queue)
      return new TooBusyError('password hashing is saturated');
    if (!lane.trusted && (strangers.get(lane.group)?.waiting ?? 0) >= perGroup)
      return new TooBusyError('too many hashes for one network');
    return null;
  };

  const wait = (lane: HashLane): Promise<void> => {
    strangersWaiting++;
    const group = strangers.get(lane.group) ?? { waiting: 0, clients: new Map() };
    group.waiting++;
    strangers.set(lane.group, group);
    return new Promise((resolve) => {
      const queue = group.clients.get(lane.client);
      if (queue) queue.push(resolve);
      else group.clients.set(lane.client, [resolve]);
    });
  };

  const admit = (lane: HashLane): Promise<void> | undefined => {
    const refused = refusal(lane);
    if (refused) throw refused;
    if (runsNow()) {
      running++;
      return undefined;
    }
    if (lane.trusted) return new Promise((resolve) => trusted.push(resolve));
    return wait(lane);
  };

  async function limit<T>(task: () => Promise<T>, lane: HashLane): Promise<T> {
    const waiting = admit(lane);
    const keys = countKeys(lane);
    for (const key of keys) inFlight.set(key, (inFlight.get(key) ?? 0) + 1);
    try {
      if (waiting) await waiting;
      return await task();
    } finally {
      for (const key of keys) {
        const left = (inFlight.get(key) ?? 1) - 1;
        if (left === 0) inFlight.delete(key);
        else inFlight.set(key, left);
      }
      release();
    }
  }
  /**
   * Throws the TooBusyError `limit` would throw for `lane` now. The password step asks before it
   * claims an attempt, so a request refused for load is not counted as a wrong password (a
   * flood must not turn the user's right password into a failure). Between the two an await
   * passes, so `limit` may still refuse; rarely, under the same flood.
   */
  limit.ensureRoom = (lane: HashLane): void => {
    const refused = refusal(lane);
    if (refused) throw refused;
  };
  return limit;
}

export type HashLimiter = ReturnType<typeof createHashLimiter>;

/** Administration and fixtures: one hash at a time, on the machine itself. */
export const LOCAL_LANE: HashLane = Object.freeze({ client: 'local', group: 'local', trusted: true });
