import { type ClockCorrection, correctionFor } from '../drift/clock-offset';
import type { Clock } from './clock';

/**
 * `base`, with the clock corrections the user accepted, each for the accounts of its site (accountNow).
 * The correction is whole seconds, so the base clock's ticks (on its second boundaries) are the
 * shifted codes' too.
 */
export function offsetClock(base: Clock, correction: ClockCorrection, pageSite?: string): Clock {
  if (correction.length === 0) return base;
  return {
    now: () => base.now(),
    subscribe: (listener) => base.subscribe(listener),
    // An account of the page's site follows that site's correction (clock-offset.ts).
    shift: (account) => correctionFor(correction, account, pageSite),
  };
}
