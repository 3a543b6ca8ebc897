import { describe, expect, it } from 'vitest';
import { driftToShow } from '../../../../extension/drift/check-drift';
import { correctionFor, NO_CORRECTION, readClockCorrection } from '../../../../extension/drift/clock-offset';
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

  it('a stored correction without its site, not a number, or more than a day, counts as none', () => {
    const site = 'https://portaal.example';
    expect([
      readClockCorrection(-30_000), // as stored before a correction had a site: it moved every code
      readClockCorrection({ offsetMs: '5000', site }),
      readClockCorrection({ offsetMs: Number.NaN, site }),
      readClockCorrection({ offsetMs: 2 * 86_400_000, site }),
      readClockCorrection({ offsetMs: -30_000, site: '' }),
      readClockCorrection({ offsetMs: -30_000 }),
      readClockCorrection(null),
    ]).toEqual(Array(7).fill(NO_CORRECTION));
    expect(readClockCorrection({ offsetMs: -30_000, site })).toEqual({ offsetMs: -30_000, site });
  });

  it('applies only to the accounts of its site', () => {
    const correction = { offsetMs: 60_000, site: 'https://portaal.example' };
    expect(correctionFor(correction, { origins: ['https://a.example', 'https://portaal.example'] })).toBe(
      60_000,
    );
    expect(correctionFor(correction, { origins: ['https://evil.example'] })).toBe(0);
    expect(correctionFor(correction, {})).toBe(0);
    expect(correctionFor(NO_CORRECTION, { origins: [''] })).toBe(0);
  });
});
