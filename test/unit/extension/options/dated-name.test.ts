import { afterEach, describe, expect, it } from 'vitest';
import { datedName } from '../../../../extension/options/download-file';

const tz = process.env.TZ;
afterEach(() => {
  if (tz === undefined) delete process.env.TZ;
  else process.env.TZ = tz;
});

describe('the date in a backup’s or export’s file name', () => {
  it('is the day on the computer’s clock: 00:30 in Amsterdam is that day, not the day before (UTC)', () => {
    process.env.TZ = 'Europe/Amsterdam';
    const halfPastMidnight = new Date('2026-11-29T23:30:00Z');
    expect(datedName('authenticator-backup', 'json', halfPastMidnight)).toBe(
      'authenticator-backup-2026-11-30.json',
    );
  });

  it('pads month and day', () => {
    process.env.TZ = 'UTC';
    expect(datedName('authenticator-export', 'txt', new Date('2027-01-05T12:00:00Z'))).toBe(
      'authenticator-export-2027-01-05.txt',
    );
  });
});
