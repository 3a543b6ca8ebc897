import type { Clock } from './clock';

/**
 * `base` shifted by the clock correction the user accepted. The correction is whole seconds, so
 * the base clock's ticks (on its second boundaries) are the shifted clock's too.
 */
export function offsetClock(base: Clock, offsetMs: number): Clock {
  if (offsetMs === 0) return base;
  return { now: () => base.now() + offsetMs, subscribe: (listener) => base.subscribe(listener) };
}
