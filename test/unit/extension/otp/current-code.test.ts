import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentCode, nextCode, type OtpSettings, timeRemaining } from '../../../../extension/otp';
import { otpHmac } from '../../../../extension/otp/otp-hmac';
import { RFC4226_CODES, RFC4226_SECRET, RFC6238_SEEDS, RFC6238_VECTORS } from '../../../support/otp-vectors';

describe('currentCode: RFC 4226 Appendix D (HOTP)', () => {
  it.each(RFC4226_CODES.map((code, counter) => ({ counter, code })))(
    '[$counter] counter $counter → $code',
    ({ counter, code }) => {
      const account: OtpSettings = {
        type: 'hotp',
        secret: RFC4226_SECRET,
        algorithm: 'SHA1',
        digits: 6,
        counter,
      };
      expect(currentCode(account, 0)).toBe(code);
    },
  );
});

describe('currentCode: RFC 6238 Appendix B (TOTP, 8 digits, 30 s)', () => {
  it.each(RFC6238_VECTORS.map(([time, algorithm, code], index) => ({ index, time, algorithm, code })))(
    '[$index] T=$time $algorithm → $code',
    ({ time, algorithm, code }) => {
      const account: OtpSettings = {
        type: 'totp',
        secret: RFC6238_SEEDS[algorithm],
        algorithm,
        digits: 8,
        period: 30,
      };
      expect(currentCode(account, time * 1000)).toBe(code);
    },
  );

  it('the 20-byte seed with SHA256 gives a different code (SECURITY #2)', () => {
    const account: OtpSettings = {
      type: 'totp',
      secret: RFC6238_SEEDS.SHA1,
      algorithm: 'SHA256',
      digits: 8,
      period: 30,
    };
    expect(currentCode(account, 59_000)).toBe('32247374');
  });
});

describe('nextCode and timeRemaining', () => {
  const totp: OtpSettings = {
    type: 'totp',
    secret: RFC6238_SEEDS.SHA1,
    algorithm: 'SHA1',
    digits: 8,
    period: 30,
  };

  it('nextCode is the code of the following time step', () => {
    // T=1111111109 is step 37037036; T=1111111111 is step 37037037 (RFC 6238 App. B).
    expect(nextCode(totp, 1111111109_000)).toBe('14050471');
    expect(nextCode(totp, 1111111109_000)).toBe(currentCode(totp, 1111111110_000));
  });

  it('nextCode for HOTP is the code at counter + 1', () => {
    const hotp: OtpSettings = {
      type: 'hotp',
      secret: RFC6238_SEEDS.SHA1,
      algorithm: 'SHA1',
      digits: 6,
      counter: 4,
    };
    expect(nextCode(hotp)).toBe(RFC4226_CODES[5]);
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

/** HOTP (RFC 4226 §5.3) on node:crypto, independent of otpauth. */
function referenceCode(secret: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = (digest[19] ?? 0) & 15;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

describe('currentCode for SHA-1 accounts against node:crypto', () => {
  it('matches RFC 4226 truncation on node:crypto for secrets of 10-128 bytes and any counter', () => {
    fc.assert(
      fc.property(
        // size 'max': fast-check otherwise keeps arrays short; keys over one SHA-1 block (64) are hashed first.
        fc.uint8Array({ minLength: 10, maxLength: 128, size: 'max' }),
        fc.integer({ min: 0, max: 2 ** 40 }),
        fc.integer({ min: 6, max: 8 }),
        (secret, counter, digits) => {
          const account: OtpSettings = { type: 'hotp', secret, algorithm: 'SHA1', digits, counter };
          expect(currentCode(account)).toBe(referenceCode(secret, counter, digits));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([20, 32, 64, 65, 100, 128])('a %i-byte secret gives the RFC 4226 code', (length) => {
    const secret = Uint8Array.from({ length }, (_, i) => (i * 7 + length) & 0xff);
    for (const counter of [0, 1, 56_666_666, 2 ** 33 + 5]) {
      const account: OtpSettings = { type: 'hotp', secret, algorithm: 'SHA1', digits: 6, counter };
      expect(currentCode(account)).toBe(referenceCode(secret, counter, 6));
    }
  });
});

describe('otpHmac: only the algorithms an account can have', () => {
  it('refuses SHA-3 and the others otpauth knows but OTP_ALGORITHMS does not (no silent SHA-1)', () => {
    for (const algorithm of ['SHA3-256', 'SHA224', 'SHA384', 'MD5', 'sha1']) {
      expect(() => otpHmac(algorithm, new Uint8Array(20), new Uint8Array(8))).toThrow(TypeError);
    }
    expect(otpHmac('SHA1', new Uint8Array(20), new Uint8Array(8))).toHaveLength(20);
  });
});
