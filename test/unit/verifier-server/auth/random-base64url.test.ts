import { describe, expect, test } from 'vitest';
import { randomBase64url } from '../../../../verifier-server/auth/random-base64url';

describe('random tokens drawn from a pooled CSPRNG', () => {
  test('sizes: 16 bytes are 22 base64url characters, 32 are 43', () => {
    expect(randomBase64url(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(randomBase64url(32)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  test('across many refills of the pool no token repeats, and the bytes are spread evenly', () => {
    const seen = new Set<string>();
    const counts = new Array<number>(256).fill(0);
    // 10,000 tokens of 32 bytes: the 2 KB pool is refilled about 156 times, sizes mixed in between.
    for (let i = 0; i < 10_000; i++) {
      const token = randomBase64url(i % 7 === 0 ? 16 : 32);
      expect(seen.has(token)).toBe(false);
      seen.add(token);
      for (const byte of Buffer.from(token, 'base64url')) counts[byte] = (counts[byte] ?? 0) + 1;
    }
    const total = counts.reduce((a, b) => a + b, 0);
    const expected = total / 256;
    // About 1,100 draws of each byte value; a zeroed or stuck pool would pile them on one value.
    expect(Math.min(...counts)).toBeGreaterThan(expected * 0.75);
    expect(Math.max(...counts)).toBeLessThan(expected * 1.25);
  });

  test('a size the pool cannot give is a programming error', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 4096]) expect(() => randomBase64url(bad)).toThrow(RangeError);
  });
});
