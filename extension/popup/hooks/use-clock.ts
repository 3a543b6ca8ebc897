import { createContext } from 'preact';
import { useContext, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { type Clock, createTickingClock } from '../clock';

/** The real clock, shared by the whole popup. */
export const defaultClock: Clock = createTickingClock();

export const ClockContext = createContext<Clock>(defaultClock);

/**
 * A value derived from the time that re-renders only when it changes: a row asks for its TOTP
 * step, not for every second, so 1,000 rows do not all re-render on each tick.
 */
export function useClockValue<T extends string | number | boolean>(select: (now: number) => T): T {
  const clock = useContext(ClockContext);
  const [value, setValue] = useState(() => select(clock.now()));
  const latest = useRef(select);
  latest.current = select;
  // A layout effect subscribes right after the commit, not after the next paint: no tick is missed.
  useLayoutEffect(() => {
    const update = () => setValue(latest.current(clock.now()));
    // The clock may have moved between render and subscription.
    update();
    return clock.subscribe(update);
  }, [clock]);
  return value;
}
