import { randomBytes } from 'node:crypto';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import { type HashLane, type HashLimiter, LOCAL_LANE } from './hash-limiter';

/** @node-rs/argon2's `Algorithm.Argon2id`, a const enum that verbatimModuleSyntax cannot import. */
const ARGON2ID = 2;

export interface PasswordHasher {
  hash(password: string, lane?: HashLane): Promise<string>;
  /** Always does the work of one argon2id verification, also for an unknown user (SECURITY #13). */
  verify(password: string, encoded: string | null, lane: HashLane): Promise<boolean>;
  /** Throws TooBusyError if `lane` would be refused a hash now (HashLimiter.ensureRoom). */
  ensureRoom(lane: HashLane): void;
}

/**
 * argon2id (OWASP: m = 19 MiB, t = 2, p = 1) from @node-rs/argon2, which runs on libuv's thread
 * pool: hashing never blocks the event loop, so code checks go on while passwords are hashed.
 * The PHC string stores the parameters with the hash, so they can be raised without breaking old hashes.
 */
export async function createPasswordHasher(
  cost: { memorySize: number; iterations: number },
  limit: HashLimiter,
): Promise<PasswordHasher> {
  const options = {
    algorithm: ARGON2ID,
    memoryCost: cost.memorySize,
    timeCost: cost.iterations,
    parallelism: 1,
  };
  const hash = (password: string, lane: HashLane = LOCAL_LANE) =>
    limit(() => argon2Hash(password, options), lane);
  // Verified against when the user does not exist, so both paths cost the same.
  const dummy = await hash(randomBytes(16).toString('hex'));
  return {
    hash,
    ensureRoom: limit.ensureRoom,
    async verify(password, encoded, lane) {
      const target = encoded ?? dummy;
      const ok = await limit(() => argon2Verify(target, password).catch(() => false), lane);
      return ok && encoded !== null;
    },
  };
}
