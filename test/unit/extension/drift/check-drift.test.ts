import { describe, expect, it } from 'vitest';
import { driftToShow } from '../../../../extension/drift/check-drift';
import {
  correctionFor,
  MAX_CORRECTIONS,
  NO_CORRECTION,
  readClockCorrection,
  withCorrection,
} from '../../../../extension/drift/clock-offset';
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
    // As stored before corrections had a site (it moved every code), or before there were several.
    expect(readClockCorrection(-30_000)).toEqual(NO_CORRECTION);
    expect(readClockCorrection({ offsetMs: -30_000, site })).toEqual(NO_CORRECTION);
    expect(readClockCorrection(null)).toEqual(NO_CORRECTION);
    expect(
      readClockCorrection([
        { offsetMs: '5000', site },
        { offsetMs: Number.NaN, site },
        { offsetMs: 2 * 86_400_000, site },
        { offsetMs: -30_000, site: '' },
        { offsetMs: -30_000 },
        null,
        { offsetMs: -30_000, site, siteless: 'yes' },
      ]),
    ).toEqual([{ offsetMs: -30_000, site }]);
    expect(readClockCorrection([{ offsetMs: 5_000, site, siteless: true }])).toEqual([
      { offsetMs: 5_000, site, siteless: true },
    ]);
  });

  // Found by an attacker review: one stored from a phishing page's clock, before the limit.
  it('a stored correction of the accounts without a website over 5 minutes counts as none', () => {
    const site = 'https://portaal-inloggen.example';
    expect(
      readClockCorrection([
        { offsetMs: 20 * 3_600_000, site, siteless: true },
        { offsetMs: 2 * 3_600_000, site: 'https://portaal.example' },
      ]),
    ).toEqual([{ offsetMs: 2 * 3_600_000, site: 'https://portaal.example' }]);
    expect(readClockCorrection([{ offsetMs: -300_000, site, siteless: true }])).toHaveLength(1);
    expect(readClockCorrection([{ offsetMs: -301_000, site, siteless: true }])).toEqual(NO_CORRECTION);
  });

  it('applies only to the accounts of its site; one made while no account had a website, only to those without one', () => {
    const corrections = [
      { offsetMs: 60_000, site: 'https://portaal.example' },
      { offsetMs: -7_000, site: 'https://elders.example', siteless: true },
    ];
    expect(correctionFor(corrections, { origins: ['https://a.example', 'https://portaal.example'] })).toBe(
      60_000,
    );
    expect(correctionFor(corrections, { origins: ['https://evil.example'] })).toBe(0);
    // Not even the site that measured the one for accounts without a website.
    expect(correctionFor(corrections, { origins: ['https://elders.example'] })).toBe(0);
    expect(correctionFor(corrections, {})).toBe(-7_000);
    expect(correctionFor(corrections, { origins: [] })).toBe(-7_000);
    expect(correctionFor(NO_CORRECTION, { origins: [''] })).toBe(0);
  });

  it("an account of two websites that measured different corrections: the page's, else its first website's", () => {
    const a = 'https://a.example';
    const b = 'https://b.example';
    const corrections = [
      { offsetMs: 60_000, site: b },
      { offsetMs: -90_000, site: a },
    ];
    const multi = { origins: [a, b] };
    expect(correctionFor(corrections, multi, a)).toBe(-90_000);
    expect(correctionFor(corrections, multi, b)).toBe(60_000);
    // Elsewhere: in the account's own order, not the newest correction.
    expect(correctionFor(corrections, multi)).toBe(-90_000);
    expect(correctionFor(corrections, multi, 'https://elders.example')).toBe(-90_000);
    expect(correctionFor(corrections, { origins: [b, a] })).toBe(60_000);
    // The page's site counts only for an account of it.
    expect(correctionFor(corrections, { origins: [a] }, b)).toBe(-90_000);
  });

  it("a new correction replaces its site's (or the earlier one for accounts without a website), the latest first, 20 at most", () => {
    const a = { offsetMs: 1_000, site: 'https://a.example' };
    const b = { offsetMs: 2_000, site: 'https://b.example' };
    const none = { offsetMs: 3_000, site: 'https://c.example', siteless: true };
    expect(withCorrection([a, b, none], { offsetMs: 9_000, site: 'https://a.example' })).toEqual([
      { offsetMs: 9_000, site: 'https://a.example' },
      b,
      none,
    ]);
    expect(withCorrection([a, none], { offsetMs: 4_000, site: 'https://d.example', siteless: true })).toEqual(
      [{ offsetMs: 4_000, site: 'https://d.example', siteless: true }, a],
    );
    // The site that measured the one for accounts without a website keeps it beside its own.
    expect(withCorrection([none], { offsetMs: 5_000, site: 'https://c.example' })).toEqual([
      { offsetMs: 5_000, site: 'https://c.example' },
      none,
    ]);
    const many = Array.from({ length: 25 }, (_, n) => ({
      offsetMs: n * 1000,
      site: `https://s${n}.example`,
    }));
    expect(withCorrection(many, { offsetMs: 0, site: 'https://new.example' })).toHaveLength(MAX_CORRECTIONS);
  });
});
