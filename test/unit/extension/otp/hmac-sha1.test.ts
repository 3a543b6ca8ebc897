import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { currentCode, type OtpSettings } from '../../../../extension/otp';
import { HMAC_SHA1_MAX_KEY_BYTES, hmacSha1 } from '../../../../extension/otp/hmac-sha1';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const ascii = (text: string) => new TextEncoder().encode(text);
const filled = (length: number, byte: number) => new Uint8Array(length).fill(byte);

/** node:crypto's HMAC-SHA-1 (OpenSSL): the independent reference. */
const reference = (key: Uint8Array, message: Uint8Array) =>
  createHmac('sha1', key).update(message).digest('hex');

/** HOTP (RFC 4226 §5.3) on node:crypto, independent of otpauth and of hmacSha1. */
function referenceCode(secret: Uint8Array, counter: number, digits: number): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const digest = createHmac('sha1', secret).update(message).digest();
  const offset = (digest[19] ?? 0) & 15;
  const binary = digest.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

describe('hmacSha1: RFC 2202 §3 test cases', () => {
  it.each([
    { key: filled(20, 0x0b), data: ascii('Hi There'), digest: 'b617318655057264e28bc0b6fb378c8ef146be00' },
    {
      key: ascii('Jefe'),
      data: ascii('what do ya want for nothing?'),
      digest: 'effcdf6ae5eb2fa2d27416d5f184df9c259a7c79',
    },
    { key: filled(20, 0xaa), data: filled(50, 0xdd), digest: '125d7342b9ac11cd91a39af48aa17b4f63f175d3' },
    {
      key: Uint8Array.from({ length: 25 }, (_, i) => i + 1),
      data: filled(50, 0xcd),
      digest: '4c9007f4026250c6bc8414f9bf50c86c2d7235da',
    },
    {
      key: filled(20, 0x0c),
      data: ascii('Test With Truncation'),
      digest: '4c1a03424b55e07fe7f27be1d58bb9324a9a5a04',
    },
  ])('[$#] $digest', ({ key, data, digest }) => {
    expect(hex(hmacSha1(key, data))).toBe(digest);
  });

  it('refuses what it was not written for (cases 6 and 7: an 80-byte key) instead of a wrong digest', () => {
    const key = filled(80, 0xaa);
    expect(() => hmacSha1(key, ascii('Test Using Larger Than Block-Size Key - Hash Key First'))).toThrow(
      RangeError,
    );
    expect(() => hmacSha1(filled(20, 1), new Uint8Array(56))).toThrow(RangeError);
  });
});

describe('hmacSha1 against node:crypto', () => {
  it('agrees for every key length 0-64 and every message length 0-55 (random bytes, twice each)', () => {
    const random = fc.sample(fc.uint8Array({ minLength: 64, maxLength: 64, size: 'max' }), 4);
    let compared = 0;
    for (let keyLength = 0; keyLength <= HMAC_SHA1_MAX_KEY_BYTES; keyLength++) {
      for (let messageLength = 0; messageLength <= 55; messageLength++) {
        for (const [k, m] of [
          [0, 1],
          [2, 3],
        ] as const) {
          const key = (random[k] ?? new Uint8Array(64)).subarray(0, keyLength);
          const message = (random[m] ?? new Uint8Array(64)).subarray(0, messageLength);
          expect(hex(hmacSha1(key, message))).toBe(reference(key, message));
          compared++;
        }
      }
    }
    expect(compared).toBe(65 * 56 * 2);
  });

  it('keeps no state between calls: interleaved keys give the same digests as fresh ones', () => {
    const a = filled(20, 1);
    const b = filled(64, 2);
    const first = hex(hmacSha1(a, ascii('x')));
    hmacSha1(b, filled(55, 9));
    expect(hex(hmacSha1(a, ascii('x')))).toBe(first);
  });
});

describe('currentCode for SHA-1 accounts (the fast path and the fallback for long secrets)', () => {
  it('matches RFC 4226 truncation on node:crypto for secrets of 10-128 bytes and any counter', () => {
    fc.assert(
      fc.property(
        // size 'max': fast-check otherwise keeps arrays short, and both paths must be covered.
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
