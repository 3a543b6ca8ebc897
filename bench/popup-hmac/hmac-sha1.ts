/**
 * HMAC-SHA-1 (RFC 2104, FIPS 180-4) for keys of at most one block (64 bytes) and short messages,
 * which is every SHA-1 TOTP/HOTP code: an 8-byte counter under a 10-64 byte secret.
 *
 * Kept for the benchmark only. The popup used it through otpauth's hmac hook because, with 1,000
 * accounts, the first 1,000 codes run before the JIT has warmed up and noble-hashes' general code
 * took longer; issue 9 measured both (bench/popup-bench.ts): the difference lies in codes below the
 * popup's fold, so the popup now uses the library's. The bench checks on every run that this one,
 * otpauth's and WebCrypto's give the same codes.
 */

/** Bytes per SHA-1 block; longer keys would first have to be hashed (RFC 2104 §2). */
export const HMAC_SHA1_MAX_KEY_BYTES = 64;
/** An 8-byte counter fits with its padding in one block; so does anything up to 55 bytes. */
const MAX_MESSAGE_BYTES = 55;

const words = new Int32Array(80);
const block = new Uint8Array(64);
const inner = new Int32Array(5);
const outer = new Int32Array(5);

function reset(state: Int32Array): void {
  state[0] = 0x67452301;
  state[1] = 0xefcdab89 | 0;
  state[2] = 0x98badcfe | 0;
  state[3] = 0x10325476;
  state[4] = 0xc3d2e1f0 | 0;
}

/** One SHA-1 compression of `block` into `state` (FIPS 180-4 §6.1.2). */
function compress(state: Int32Array): void {
  const w = words;
  for (let i = 0; i < 16; i++) {
    const j = i * 4;
    w[i] =
      ((block[j] ?? 0) << 24) |
      ((block[j + 1] ?? 0) << 16) |
      ((block[j + 2] ?? 0) << 8) |
      (block[j + 3] ?? 0);
  }
  for (let i = 16; i < 80; i++) {
    const x = (w[i - 3] ?? 0) ^ (w[i - 8] ?? 0) ^ (w[i - 14] ?? 0) ^ (w[i - 16] ?? 0);
    w[i] = (x << 1) | (x >>> 31);
  }
  let a = state[0] ?? 0;
  let b = state[1] ?? 0;
  let c = state[2] ?? 0;
  let d = state[3] ?? 0;
  let e = state[4] ?? 0;
  // The four groups of 20 rounds, each with its own function and constant, as separate loops.
  for (let i = 0; i < 20; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + (w[i] ?? 0)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 20; i < 40; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + (w[i] ?? 0)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 40; i < 60; i++) {
    const t = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + (w[i] ?? 0)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  for (let i = 60; i < 80; i++) {
    const t = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + (w[i] ?? 0)) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = t;
  }
  state[0] = ((state[0] ?? 0) + a) | 0;
  state[1] = ((state[1] ?? 0) + b) | 0;
  state[2] = ((state[2] ?? 0) + c) | 0;
  state[3] = ((state[3] ?? 0) + d) | 0;
  state[4] = ((state[4] ?? 0) + e) | 0;
}

/** `block` = key XOR pad, then compressed: the first block of the inner or outer hash. */
function keyBlock(state: Int32Array, key: Uint8Array, pad: number): void {
  block.fill(pad);
  for (let i = 0; i < key.length; i++) block[i] = (block[i] ?? 0) ^ (key[i] ?? 0);
  reset(state);
  compress(state);
}

/** The last block of a hash whose first block was 64 bytes: `length` bytes already in `block`. */
function finalBlock(state: Int32Array, length: number): void {
  block[length] = 0x80;
  block.fill(0, length + 1, 62);
  const bits = (64 + length) * 8;
  block[62] = bits >>> 8;
  block[63] = bits & 0xff;
  compress(state);
}

/** HMAC-SHA-1 of `message` (at most 55 bytes) under `key` (at most 64 bytes). */
export function hmacSha1(key: Uint8Array, message: Uint8Array): Uint8Array<ArrayBuffer> {
  if (key.length > HMAC_SHA1_MAX_KEY_BYTES || message.length > MAX_MESSAGE_BYTES) {
    throw new RangeError('hmacSha1: key or message too long');
  }
  keyBlock(inner, key, 0x36);
  keyBlock(outer, key, 0x5c);
  block.set(message);
  finalBlock(inner, message.length);
  for (let i = 0; i < 5; i++) {
    const v = inner[i] ?? 0;
    block[i * 4] = v >>> 24;
    block[i * 4 + 1] = v >>> 16;
    block[i * 4 + 2] = v >>> 8;
    block[i * 4 + 3] = v;
  }
  finalBlock(outer, 20);
  const digest = new Uint8Array(20);
  for (let i = 0; i < 5; i++) {
    const v = outer[i] ?? 0;
    digest[i * 4] = v >>> 24;
    digest[i * 4 + 1] = v >>> 16;
    digest[i * 4 + 2] = v >>> 8;
    digest[i * 4 + 3] = v;
  }
  return digest;
}
