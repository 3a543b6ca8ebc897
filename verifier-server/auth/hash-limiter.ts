export class TooBusyError extends Error {
  override name = 'TooBusyError';
  readonly retryAfterSeconds = 1;
}

/** Who asks for a hash: the client's address, and whether it proved itself (SECURITY #30). */
export interface HashLane {
  readonly client: string;
  /** A browser with a valid remember-browser token or a full session: it is never queued behind strangers. */
  readonly trusted: boolean;
}

export interface HashLimits {
  /** Hashes running at once (each holds ~19 MiB and a libuv thread). */
  readonly concurrency: number;
  /** Strangers' hashes waiting, across all addresses; trusted ones have a queue of the same size. */
  readonly queue: number;
  /** Hashes one address may have running or waiting; more are refused at once. */
  readonly perClient: number;
}

/**
 * Bounds password hashing (SECURITY #30, issue 9 #6): at most `concurrency` run; strangers wait in
 * one queue per address, served in turn, so a flood from a few addresses cannot starve the others;
 * trusted clients are served first. Anything over a bound is refused with TooBusyError (answered
 * 429 + Retry-After) instead of queueing without limit.
 */
export function createHashLimiter(limits: HashLimits) {
  let running = 0;
  const trusted: Array<() => void> = [];
  /** Per address, in turn: Map keeps insertion order, and a served address goes to the back. */
  const strangers = new Map<string, Array<() => void>>();
  let strangersWaiting = 0;
  const inFlight = new Map<string, number>();

  const nextStranger = (): (() => void) | undefined => {
    for (const [client, queue] of strangers) {
      const next = queue.shift();
      strangers.delete(client);
      if (queue.length > 0) strangers.set(client, queue);
      if (next) {
        strangersWaiting--;
        return next;
      }
    }
    return undefined;
  };

  const release = () => {
    const next = trusted.shift() ?? nextStranger();
    if (next) next();
    else running--;
  };

  /** Why `lane` would be refused now, or null: it may run or wait. */
  const refusal = (lane: HashLane): TooBusyError | null => {
    if (!lane.trusted && (inFlight.get(lane.client) ?? 0) >= limits.perClient)
      return new TooBusyError('too many hashes for one client');
    if (running < limits.concurrency && trusted.length === 0 && strangersWaiting === 0) return null;
    const waiting = lane.trusted ? trusted.length : strangersWaiting;
    return waiting >= limits.queue ? new TooBusyError('password hashing is saturated') : null;
  };

  const admit = (lane: HashLane): Promise<void> | undefined => {
    const refused = refusal(lane);
    if (refused) throw refused;
    if (running < limits.concurrency && trusted.length === 0 && strangersWaiting === 0) {
      running++;
      return undefined;
    }
    if (lane.trusted) return new Promise((resolve) => trusted.push(resolve));
    strangersWaiting++;
    return new Promise((resolve) => {
      const queue = strangers.get(lane.client);
      if (queue) queue.push(resolve);
      else strangers.set(lane.client, [resolve]);
    });
  };

  async function limit<T>(task: () => Promise<T>, lane: HashLane): Promise<T> {
    const waiting = admit(lane);
    inFlight.set(lane.client, (inFlight.get(lane.client) ?? 0) + 1);
    try {
      if (waiting) await waiting;
      return await task();
    } finally {
      const left = (inFlight.get(lane.client) ?? 1) - 1;
      if (left === 0) inFlight.delete(lane.client);
      else inFlight.set(lane.client, left);
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
export const LOCAL_LANE: HashLane = Object.freeze({ client: 'local', trusted: true });
