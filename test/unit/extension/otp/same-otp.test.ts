import { describe, expect, test } from 'vitest';
import type { OtpSettings } from '../../../../extension/otp';
import { equalBytes, isSameOtp } from '../../../../extension/otp';

const totp: OtpSettings = {
  type: 'totp',
  secret: new Uint8Array([1, 2, 3]),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
};

describe('isSameOtp: the same account is the one that gives the same codes', () => {
  test.each<[string, OtpSettings, boolean]>([
    ['the same secret in another buffer', { ...totp, secret: new Uint8Array([1, 2, 3]) }, true],
    ['another period (codes are recognised by secret and form)', { ...totp, period: 60 }, true],
    ['another secret', { ...totp, secret: new Uint8Array([1, 2, 4]) }, false],
    ['a longer secret with the same start', { ...totp, secret: new Uint8Array([1, 2, 3, 0]) }, false],
    ['another algorithm', { ...totp, algorithm: 'SHA256' }, false],
    ['other digits', { ...totp, digits: 8 }, false],
    ['HOTP with the same secret', { ...totp, type: 'hotp', counter: 0 }, false],
  ])('%s: %s', (_, other, same) => {
    expect(isSameOtp(totp, other)).toBe(same);
    expect(isSameOtp(other, totp)).toBe(same);
  });
});

describe('equalBytes', () => {
  test.each([
    [[], [], true],
    [[0], [], false],
    [[255, 0], [255, 0], true],
    [[255, 0], [0, 255], false],
  ])('%j vs %j', (a, b, equal) => {
    expect(equalBytes(new Uint8Array(a), new Uint8Array(b))).toBe(equal);
  });

  test('compares views by their own bytes, not their buffers', () => {
    const buffer = new Uint8Array([9, 1, 2, 9]);
    expect(equalBytes(buffer.subarray(1, 3), new Uint8Array([1, 2]))).toBe(true);
  });
});
