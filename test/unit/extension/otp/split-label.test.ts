import { describe, expect, test } from 'vitest';
import { splitLabel } from '../../../../extension/otp/split-label';

describe('splitLabel ("Issuer:account")', () => {
  test.each([
    ['Demo Portaal:demo', { issuer: 'Demo Portaal', account: 'demo' }],
    ['Demo Portaal: jan de vries ', { issuer: 'Demo Portaal', account: 'jan de vries' }],
    ['Mail:carol:work', { issuer: 'Mail', account: 'carol:work' }],
    [':nobody', { issuer: '', account: 'nobody' }],
    ['alice@example.com', { issuer: undefined, account: 'alice@example.com' }],
    ['', { issuer: undefined, account: '' }],
  ])('%j', (label, parts) => {
    expect(splitLabel(label)).toEqual(parts);
  });
});
