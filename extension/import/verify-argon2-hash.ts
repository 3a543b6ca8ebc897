import { type Argon2Variant, deriveArgon2 } from '../vault/derive-argon2';
import { equalBytes } from '../vault/equal-bytes';
import { base64ToBytesLenient } from './bytes';

const PHC =
  /^\$(argon2id|argon2i|argon2d)\$(?:v=(\d+)\$)?m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Checks `password` against an Argon2 hash in the PHC string format
 * ($argon2id$v=19$m=…,t=…,p=…$salt$hash, base64 without padding), as argon2-browser writes it.
 * False for a wrong password; undefined when the string is not such a hash, or asks for more
 * than deriveArgon2 agrees to compute (a damaged or crafted file).
 */
export async function verifyArgon2Hash(encoded: string, password: string): Promise<boolean | undefined> {
  const match = PHC.exec(encoded.trim());
  if (match === null) return undefined;
  const [, variant, version = '16', m, t, p, saltText = '', hashText = ''] = match;
  if (version !== '19') return undefined;
  const salt = base64ToBytesLenient(saltText);
  const expected = base64ToBytesLenient(hashText);
  if (salt === undefined || expected === undefined) return undefined;
  const params = { memoryKiB: Number(m), iterations: Number(t), parallelism: Number(p) };
  try {
    const actual = await deriveArgon2(password, salt, params, expected.length, variant as Argon2Variant);
    return equalBytes(actual, expected);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}
