import { describe, expect, it } from 'vitest';
import { currentCode, nextCode, type OtpSettings, timeRemaining } from '../../../../extension/otp';

const ascii = (text: string) => new TextEncoder().encode(text);

// RFC 4226 Appendix D: secret "12345678901234567890", 6 digits, counters 0–9.
const RFC4226 = [
  '755224',
  '287082',
  '359152',
  '969429',
  '338314',
  '254676',
  '287922',
  '162583',
  '399871',
  '520489',
];

describe('currentCode: RFC 4226 Appendix D (HOTP)', () => {
  it.each(RFC4226.map((code, counter) => ({ counter, code })))(
    '[$counter] counter $counter → $code',
    ({ counter, code }) => {
      const account: OtpSettings = {
        type: 'hotp',
        secret: ascii('12345678901234567890'),
        algorithm: 'SHA1',
        digits: 6,
        counter,
      };
      expect(currentCode(account, 0)).toBe(code);
    },
  );
});

// RFC 6238 Appendix B: the seed is "1234567890" repeated to the hash's block of 20, 32, 64 bytes
// (the published table lists only the 20-byte seed, but its SHA256/SHA512 codes need these).
const SEEDS = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

const RFC6238: [number, keyof typeof SEEDS, string][] = [
  [59, 'SHA1', '94287082'],
  [59, 'SHA256', '46119246'],
  [59, 'SHA512', '90693936'],
  [1111111109, 'SHA1', '07081804'],
  [1111111109, 'SHA256', '68084774'],
  [1111111109, 'SHA512', '25091201'],
  [1111111111, 'SHA1', '14050471'],
  [1111111111, 'SHA256', '67062674'],
  [1111111111, 'SHA512', '99943326'],
  [1234567890, 'SHA1', '89005924'],
  [1234567890, 'SHA256', '91819424'],
  [1234567890, 'SHA512', '93441116'],
  [2000000000, 'SHA1', '69279037'],
  [2000000000, 'SHA256', '90698825'],
  [2000000000, 'SHA512', '38618901'],
  [20000000000, 'SHA1', '65353130'],
  [20000000000, 'SHA256', '77737706'],
  [20000000000, 'SHA512', '47863826'],
];

describe('currentCode: RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  it.each(RFC6238.map(([time, algorithm, code], index) => ({ index, time, algorithm, code })))(
    '[$index] T=$time $algorithm → $code',
    ({ time, algorithm, code }) => {
      const account: OtpSettings = {
        type: 'totp',
        secret: SEEDS[algorithm],
        algorithm,
        digits: 8,
        period: 30,
      };
      expect(currentCode(account, time * 1000)).toBe(code);
    },
  );

  it('the 20-byte seed with SHA256 gives a different code (SECURITY.md 2)', () => {
    const account: OtpSettings = {
      type: 'totp',
      secret: SEEDS.SHA1,
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
    };
    expect(currentCode(account, 59_000)).toBe('32247374');
  });
});

describe('nextCode and timeRemaining', () => {
  const totp: OtpSettings = { type: 'totp', secret: SEEDS.SHA1, algorithm: 'SHA1', digits: 8, period: 30 };

  it('nextCode is the code of the following time step', () => {
    // T=1111111109 is step 37037036; T=1111111111 is step 37037037 (RFC 6238 App. B).
    expect(nextCode(totp, 1111111109_000)).toBe('14050471');
    expect(nextCode(totp, 1111111109_000)).toBe(currentCode(totp, 1111111110_000));
  });

  it('nextCode for HOTP is the code at counter + 1', () => {
    const hotp: OtpSettings = { type: 'hotp', secret: SEEDS.SHA1, algorithm: 'SHA1', digits: 6, counter: 4 };
    expect(nextCode(hotp)).toBe(RFC4226[5]);
  });

  it.each([
    [0, 30_000],
    [1, 29_999],
    [29_999, 1],
    [30_000, 30_000],
    [59_000, 1_000],
  ])('[%#] at %i ms, %i ms remain of a 30 s period', (now, remaining) => {
    expect(timeRemaining(totp, now)).toBe(remaining);
  });

  it('honours a non-default period', () => {
    expect(timeRemaining({ ...totp, period: 60 }, 59_000)).toBe(1_000);
    expect(currentCode({ ...totp, period: 60 }, 59_000)).toBe(currentCode(totp, 0));
    expect(currentCode({ ...totp, period: 60 }, 59_000)).not.toBe(currentCode(totp, 59_000));
  });

  it('supports 7 digits', () => {
    expect(currentCode({ ...totp, digits: 7 }, 59_000)).toBe('4287082');
  });
});
