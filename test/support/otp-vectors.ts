import type { OtpAlgorithm } from '../../shared/otp-parameters';

const ascii = (text: string) => new TextEncoder().encode(text);

/** RFC 4226 Appendix D: secret "12345678901234567890", 6 digits, the codes for counters 0–9. */
export const RFC4226_SECRET = ascii('12345678901234567890');
export const RFC4226_CODES: readonly string[] = [
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

/**
 * RFC 6238 Appendix B seeds: "1234567890" repeated to the hash's output length (20, 32, 64 bytes);
 * the published table shows only the 20-byte seed, but its SHA256/SHA512 codes need these.
 */
export const RFC6238_SEEDS: Readonly<Record<OtpAlgorithm, Uint8Array>> = {
  SHA1: ascii('12345678901234567890'),
  SHA256: ascii('12345678901234567890123456789012'),
  SHA512: ascii('1234567890123456789012345678901234567890123456789012345678901234'),
};

/** RFC 6238 Appendix B: [unix time, algorithm, 8-digit code], 30 s steps. The last is past 2^32 s. */
export const RFC6238_VECTORS: ReadonlyArray<readonly [number, OtpAlgorithm, string]> = [
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
