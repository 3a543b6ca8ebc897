import { describe, expect, it } from 'vitest';
import { driftText } from '../../../../extension/drift/drift-text';
import { installChromeI18n } from '../popup/chrome-i18n';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

describe('driftText: a clock difference in words', () => {
  it('in seconds under two minutes, minutes under two hours, hours from there; either sign, rounded', () => {
    installChromeI18n('nl');
    expect(
      [
        1 * SECOND,
        -12_400,
        90 * SECOND,
        119 * SECOND,
        -2 * MINUTE,
        5 * MINUTE + 20 * SECOND,
        HOUR,
        90 * MINUTE,
      ].map(driftText),
    ).toEqual([
      '1 seconde',
      '12 seconden',
      '90 seconden',
      '119 seconden',
      '2 minuten',
      '5 minuten',
      '1 uur',
      '90 minuten',
    ]);
    expect([2 * HOUR, -20 * HOUR, 20 * HOUR - 50 * SECOND, 3 * HOUR + 20 * MINUTE].map(driftText)).toEqual([
      '2 uur',
      '20 uur',
      '20 uur',
      '3 uur',
    ]);
  });

  it('in English too', () => {
    installChromeI18n('en');
    expect([90 * SECOND, 5 * MINUTE, -20 * HOUR].map(driftText)).toEqual([
      '90 seconds',
      '5 minutes',
      '20 hours',
    ]);
  });
});
