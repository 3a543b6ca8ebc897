export class TooBusyError extends Error {
  override name = 'TooBusyError';
  readonly retryAfterSeconds = 1;
}

/**
 * Bounds concurrent password hashes: at most `concurrency` run, at most `queue` wait,
 * anything beyond is refused with TooBusyError (answered 429 + Retry-After) instead of queueing without limit.
 */
export function createHashLimiter(concurrency: number, queue: number) {
  let running = 0;
  const waiting: Array<() => void> = [];

  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else running--;
  };

  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (running >= concurrency) {
      if (waiting.length >= queue) throw new TooBusyError('password hashing is saturated');
      await new Promise<void>((resolve) => waiting.push(resolve));
    } else {
      running++;
    }
    try {
      return await task();
    } finally {
      release();
    }
  };
}

export type HashLimiter = ReturnType<typeof createHashLimiter>;
