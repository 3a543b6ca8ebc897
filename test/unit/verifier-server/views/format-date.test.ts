import { describe, expect, test } from 'vitest';
import { formatDate } from '../../../../verifier-server/views/format-date';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('formatDate: Dutch time, whatever the server runs on', () => {
  test('winter time is UTC+1, summer time UTC+2 (a server on UTC was an hour or two off)', () => {
    expect(formatDate(at('2026-12-02T05:22:00Z'), 'nl')).toBe('02-12-2026 06:22');
    expect(formatDate(at('2026-07-02T05:22:00Z'), 'nl')).toBe('02-07-2026 07:22');
  });

  test('past midnight in the Netherlands is the next day there', () => {
    expect(formatDate(at('2026-11-28T23:30:00Z'), 'nl')).toBe('29-11-2026 00:30');
  });

  test('English with the month by name (02/12 is 12 February to a US reader), 24-hour; the outbox adds seconds; no comma', () => {
    expect(formatDate(at('2026-12-02T13:05:09Z'), 'en')).toBe('02 Dec 2026 14:05');
    expect(formatDate(at('2026-07-30T13:05:09Z'), 'en', { seconds: true })).toBe('30 Jul 2026 15:05:09');
    expect(formatDate(at('2026-12-02T13:05:09Z'), 'nl', { seconds: true })).toBe('02-12-2026 14:05:09');
  });
});
