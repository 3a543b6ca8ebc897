import { describe, expect, test } from 'vitest';
import { accountTitle, displayName } from '../../../../extension/otp';

describe('how an account is named', () => {
  test.each([
    // names: [short title (a row), full title (named on its own)]
    [
      { name: 'Chrome plugin balie', issuer: 'Demo Portaal', label: 'demo' },
      'Chrome plugin balie',
      'Chrome plugin balie',
    ],
    [{ name: '', issuer: 'Demo Portaal', label: 'demo' }, 'Demo Portaal', 'Demo Portaal: demo'],
    [{ name: '', issuer: 'Demo Portaal', label: '' }, 'Demo Portaal', 'Demo Portaal'],
    [{ name: '', issuer: '', label: 'demo' }, 'demo', 'demo'],
    [{ name: '', issuer: '', label: '' }, '', ''],
  ])('%j', (names, short, full) => {
    expect(displayName(names)).toBe(short);
    expect(accountTitle(names)).toBe(full);
  });
});
