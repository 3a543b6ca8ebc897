import { describe, expect, it } from 'vitest';
import { driftToShow } from '../../../../extension/drift/check-drift';
import { readClockOffset } from '../../../../extension/drift/clock-offset';
import { measureDrift } from '../../../../extension/drift/measure-drift';

const NOW = Date.UTC(2026, 10, 30, 9, 0, 0);
const site = (serverMs: number, sentAt = NOW, receivedAt = NOW + 200) => ({
  host: 'portaal.example',
  date: new Date(serverMs).toUTCString(),
  sentAt,
  receivedAt,
});

describe('clock drift against the site’s Date header (faked clocks)', () => {
  it('measures the site’s clock minus ours from the middle of the request and of the Date second', () => {
    expect(measureDrift(new Date(NOW + 60_000).toUTCString(), NOW, NOW + 200)).toBe(60_000 + 500 - 100);
    expect(measureDrift('not a date', NOW, NOW)).toBeUndefined();
    expect(measureDrift(null, NOW, NOW)).toBeUndefined();
  });

  it.each([
    [9_000, false],
    [-9_000, false],
    [12_000, true],
    [-45_000, true],
  ])('[%#] warns only above 10 s (site %i ms off)', (offset, warns) => {
    expect(driftToShow(site(NOW + offset), 0) !== undefined).toBe(warns);
  });

  it('after the user accepts a correction, the same site no longer warns; undoing it warns again', () => {
    const drift = driftToShow(site(NOW + 45_000), 0);
    expect(drift?.offsetMs).toBeCloseTo(45_400, -3);
    expect(driftToShow(site(NOW + 45_000), drift?.offsetMs ?? 0)).toBeUndefined();
    expect(driftToShow(site(NOW + 45_000), 0)).toBeDefined();
  });

  it('a stored correction that is not a number, or more than a day, counts as none', () => {
    expect([
      readClockOffset('5000'),
      readClockOffset(Number.NaN),
      readClockOffset(2 * 86_400_000),
      readClockOffset(-30_000),
    ]).toEqual([0, 0, 0, -30_000]);
  });
});
