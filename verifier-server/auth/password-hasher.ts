import { randomBytes } from 'node:crypto';
import { argon2id, argon2Verify } from 'hash-wasm';
import type { HashLimiter } from './hash-limiter';

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Always does the work of one argon2id verification, also for an unknown user (SECURITY #13). */
  verify(password: string, encoded: string | null): Promise<boolean>;
}

/**
 * argon2id (OWASP: m = 19 MiB, t = 2, p = 1). The encoded PHC string stores the parameters
 * with the hash, so they can be raised later without breaking old hashes.
 */
export async function createPasswordHasher(
  cost: { memorySize: number; iterations: number },
  limit: HashLimiter,
): Promise<PasswordHasher> {
  const hash = (password: string) =>
    limit(() =>
      argon2id({
        password,
        salt: randomBytes(16),
        parallelism: 1,
        iterations: cost.iterations,
        memorySize: cost.memorySize,
        hashLength: 32,
        outputType: 'encoded',
      }),
    );
  // Verified against when the user does not exist, so both paths cost the same.
  const dummy = await hash(randomBytes(16).toString('hex'));
  return {
    hash,
    async verify(password, encoded) {
      const target = encoded ?? dummy;
      const ok = await limit(() => argon2Verify({ password, hash: target }).catch(() => false));
      return ok && encoded !== null;
    },
  };
}
