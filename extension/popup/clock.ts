/** The time source of the popup; tests inject a manual one. */
export interface Clock {
  now(): number;
  /** Calls `listener` on every tick; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
  /** Added to `now()` for this account's codes: the clock correction of its site (offset-clock.ts). */
  shift?(account: { readonly origins?: readonly string[] }): number;
}

/** The time for `account`'s codes. */
export const accountNow = (clock: Clock, account: { readonly origins?: readonly string[] }) =>
  clock.now() + (clock.shift?.(account) ?? 0);

/**
 * Ticks once per second, aligned to the second boundary (a TOTP step always starts on one), and
 * only while someone listens. One timer for the whole popup, however many rows listen.
 */
export function createTickingClock(now: () => number = Date.now): Clock {
  const listeners = new Set<() => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;

  function schedule(): void {
    // A few ms past the boundary, so the new second has surely begun when we read the time.
    timer = setTimeout(tick, 1000 - (now() % 1000) + 5);
  }

  function tick(): void {
    for (const listener of listeners) listener();
    schedule();
  }

  return {
    now,
    subscribe(listener) {
      listeners.add(listener);
      if (timer === undefined) schedule();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer !== undefined) {
          clearTimeout(timer);
          timer = undefined;
        }
      };
    },
  };
}
