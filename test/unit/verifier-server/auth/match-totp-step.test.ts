import { createHmac } from 'node:crypto';
import { HOTP } from 'otpauth';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { OtpAlgorithm, TotpParameters } from '../../../../shared/otp-parameters';
import { isWellFormedCode, matchTotpStep } from '../../../../verifier-server/auth/match-totp-step';
import { RFC4226_CODES, RFC6238_SEEDS, RFC6238_VECTORS } from '../../../support/otp-vectors';

const SEED = RFC6238_SEEDS;

/** An independent HOTP (RFC 4226 §5.3, dynamic truncation) on node:crypto, to cross-check the server. */
function referenceHotp(secret: Uint8Array, counter: number, algorithm: OtpAlgorithm, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm.toLowerCase(), secret).update(message).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

const SHA1_6: TotpParameters = { algorithm: 'SHA1', digits: 6, period: 30 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe('RFC 4226 App. D through matchTotpStep (period 30, time = counter × 30 s)', () => {
  const codes = RFC4226_CODES;

  test.each(codes.map((code, counter) => [counter, code] as const))('counter %i → %s', (counter, code) => {
    expect(matchTotpStep(SEED.SHA1, code, SHA1_6, counter * 30_000)).toBe(counter);
    // The reference implementation used below agrees with the published vector.
    expect(referenceHotp(SEED.SHA1, counter, 'SHA1', 6)).toBe(code);
  });

  test.each(codes.map((code, counter) => [counter, code] as const))(
    'counter %i: code %s is refused two steps later',
    (counter, code) => {
      expect(matchTotpStep(SEED.SHA1, code, SHA1_6, (counter + 2) * 30_000)).toBeNull();
    },
  );
});

describe('RFC 6238 App. B through matchTotpStep (8 digits, 30 s)', () => {
  const vectors = RFC6238_VECTORS;

  test.each(vectors.map((v, i) => [i, ...v] as const))(
    'vector %i: t = %i, %s → %s, step floor(t / 30)',
    (_i, seconds, algorithm, code) => {
      const step = matchTotpStep(SEED[algorithm], code, { algorithm, digits: 8, period: 30 }, seconds * 1000);
      expect(step).toBe(Math.floor(seconds / 30));
    },
  );

  test('the seed length matters: SHA256 with the 20-byte seed at t = 59 is 32247374, not 46119246', () => {
    const parameters: TotpParameters = { algorithm: 'SHA256', digits: 8, period: 30 };
    expect(matchTotpStep(SEED.SHA1, '32247374', parameters, 59_000)).toBe(1);
    expect(matchTotpStep(SEED.SHA1, '46119246', parameters, 59_000)).toBeNull();
    expect(matchTotpStep(SEED.SHA256, '32247374', parameters, 59_000)).toBeNull();
  });

  test.each([
    [0, 2 ** 32],
    [1, 2 ** 32 + 5],
    [2, 2 ** 33 + 7],
  ])('case %i: a counter past 2^32 (%i) works (RFC 6238 §4)', (_i, counter) => {
    const code = referenceHotp(SEED.SHA1, counter, 'SHA1', 6);
    expect(matchTotpStep(SEED.SHA1, code, SHA1_6, counter * 30_000 + 12_000)).toBe(counter);
  });
});

describe('the ±1 step window (RFC 6238 §5.2)', () => {
  const secret = new TextEncoder().encode('a 20-byte test secret');
  const now = 1_800_000_015_000; // mid-step
  const current = Math.floor(now / 30_000);

  test.each([
    [-2, false],
    [-1, true],
    [0, true],
    [1, true],
    [2, false],
  ])('code of step T%+i accepted: %s', (offset, accepted) => {
    const code = referenceHotp(secret, current + offset, 'SHA1', 6);
    expect(matchTotpStep(secret, code, SHA1_6, now)).toBe(accepted ? current + offset : null);
  });

  test('a secret that is a view into a larger buffer uses only its own bytes', () => {
    const backing = new Uint8Array(64).fill(0x55);
    backing.set(secret, 9);
    const view = backing.subarray(9, 9 + secret.length);
    expect(matchTotpStep(view, referenceHotp(secret, current, 'SHA1', 6), SHA1_6, now)).toBe(current);
  });

  test('an unrelated code is refused', () => {
    const window = [-1, 0, 1].map((o) => referenceHotp(secret, current + o, 'SHA1', 6));
    const other = ['000000', '123456', '999999'].find((c) => !window.includes(c)) as string;
    expect(matchTotpStep(secret, other, SHA1_6, now)).toBeNull();
  });
});

describe('isWellFormedCode: digits only, exact length (SECURITY #9)', () => {
  test.each([
    [0, '123456', 6, true],
    [1, '12345678', 8, true],
    [2, '12345', 6, false],
    [3, '1234567', 6, false],
    [4, '', 6, false],
    [5, '12345a', 6, false],
    [6, '123 456', 6, false],
    [7, '+12345', 6, false],
    [8, '-12345', 6, false],
    [9, '1e5000', 6, false],
    [10, '１２３４５６', 6, false],
    [11, '١٢٣٤٥٦', 6, false],
    [12, '123456\n', 6, false],
    [13, '123456', 8, false],
  ])('case %i: %j with %i digits → %s', (_i, code, digits, expected) => {
    expect(isWellFormedCode(code, digits)).toBe(expected);
  });

  test('a malformed code never reaches the HMAC; a well-formed one does', () => {
    const validate = vi.spyOn(HOTP, 'validate');
    for (const code of ['12345', '1234567', 'abcdef', '', '１２３４５６'])
      expect(matchTotpStep(SEED.SHA1, code, SHA1_6, 59_000)).toBeNull();
    expect(validate).not.toHaveBeenCalled();
    matchTotpStep(SEED.SHA1, '123456', SHA1_6, 59_000);
    expect(validate).toHaveBeenCalledTimes(1);
  });
});
