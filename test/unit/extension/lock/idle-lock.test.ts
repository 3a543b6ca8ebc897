import { describe, expect, it } from 'vitest';
import { idleDetectionSeconds, locksOn, minutesAfterIdle } from '../../../../extension/lock/idle-lock';

describe('what locks the vault', () => {
  it.each([
    ['locked', 15, true, true],
    ['locked', 15, false, false],
    ['idle', 15, true, true],
    ['idle', 0, true, false],
    ['active', 15, true, false],
  ] as const)(
    '[%#] %s with %i min and lock-on-screen-lock %s: %s',
    (state, autoLockMinutes, lockOnScreenLock, locks) => {
      expect(locksOn(state, { autoLockMinutes, lockOnScreenLock })).toBe(locks);
    },
  );

  it('asks chrome.idle for N minutes (and at least its 15 s minimum)', () => {
    expect(idleDetectionSeconds(15)).toBe(900);
    expect(idleDetectionSeconds(0)).toBe(15);
  });

  it('asks for at most chrome.idle’s 4 hours, and waits the rest after its report', () => {
    expect([idleDetectionSeconds(240), minutesAfterIdle(240)]).toEqual([14_400, 0]);
    expect([idleDetectionSeconds(600), minutesAfterIdle(600)]).toEqual([14_400, 360]);
    expect([idleDetectionSeconds(1440), minutesAfterIdle(1440)]).toEqual([14_400, 1200]);
    expect(minutesAfterIdle(30)).toBe(0);
  });
});
