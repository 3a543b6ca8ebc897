import {
  type Argon2Params,
  type Argon2Variant,
  argon2ParamsAllowed,
  deriveArgon2,
} from '../vault/derive-argon2';
import { equalBytes } from '../vault/equal-bytes';
import { base64ToBytesLenient } from './bytes';

const PHC =
  /^\$(argon2id|argon2i|argon2d)\$(?:v=(\d+)\$)?m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** Memory (KiB) × passes: the work of one argon2 run, whatever its parallelism (RFC 9106 §3.2). */
export const argon2Work = (params: Argon2Params): number => params.memoryKiB * params.iterations;

interface Argon2Hash {
  readonly variant: Argon2Variant;
  readonly params: Argon2Params;
  readonly salt: Uint8Array<ArrayBuffer>;
  readonly expected: Uint8Array<ArrayBuffer>;
}

/**
 * An Argon2 hash in the PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash, base64 without
 * padding), as argon2-browser writes it; undefined when the string is not such a hash, or asks for
 * more than deriveArgon2 agrees to compute (a damaged or crafted file).
 */
function parseArgon2Hash(encoded: string): Argon2Hash | undefined {
  const match = PHC.exec(encoded.trim());
  if (match === null) return undefined;
  const [, variant, version = '16', m, t, p, saltText = '', hashText = ''] = match;
  if (version !== '19') return undefined;
  const salt = base64ToBytesLenient(saltText);
  const expected = base64ToBytesLenient(hashText);
  if (salt === undefined || expected === undefined) return undefined;
  const params = { memoryKiB: Number(m), iterations: Number(t), parallelism: Number(p) };
  if (!argon2ParamsAllowed(params, salt.length, expected.length)) return undefined;
  return { variant: variant as Argon2Variant, params, salt, expected };
}

/**
 * The work verifyArgon2Hash does for `encoded`, as memory (KiB) × passes: what its time grows
 * with. 0 when it computes nothing (not a hash, or parameters outside ARGON2_LIMITS).
 */
export function argon2HashWork(encoded: string): number {
  const hash = parseArgon2Hash(encoded);
  return hash === undefined ? 0 : argon2Work(hash.params);
}

/**
 * Checks `password` against an Argon2 hash in the PHC string format (see parseArgon2Hash).
 * False for a wrong password; undefined when the string is not such a hash, or asks for more
 * than deriveArgon2 agrees to compute (a damaged or crafted file).
 */
export async function verifyArgon2Hash(encoded: string, password: string): Promise<boolean | undefined> {
  const hash = parseArgon2Hash(encoded);
  if (hash === undefined) return undefined;
  const { variant, params, salt, expected } = hash;
  try {
    const actual = await deriveArgon2(password, salt, params, expected.length, variant);
    return equalBytes(actual, expected);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
