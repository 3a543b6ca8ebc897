import { argon2d, argon2i, argon2id } from 'hash-wasm';

export type Argon2Variant = 'argon2id' | 'argon2i' | 'argon2d';

/** Argon2 cost parameters (RFC 9106 §3.1): memory in KiB, passes, lanes. */
export interface Argon2Params {
  readonly memoryKiB: number;
  readonly iterations: number;
  readonly parallelism: number;
}

/** OWASP Password Storage Cheat Sheet's argon2id minimum (SECURITY #22): m = 19 MiB, t = 2, p = 1. */
export const ARGON2ID_DEFAULTS: Argon2Params = Object.freeze({
  memoryKiB: 19_456,
  iterations: 2,
  parallelism: 1,
});

/**
 * What this code agrees to compute for parameters read from a file: enough for any real app's
 * settings, bounded so a crafted file cannot make the page allocate gigabytes or spin for minutes.
 */
export const ARGON2_LIMITS = Object.freeze({
  maxMemoryKiB: 256 * 1024,
  maxIterations: 10,
  maxParallelism: 8,
  minSaltBytes: 8,
  maxSaltBytes: 64,
  minLength: 16,
  maxLength: 64,
});

/** True when `params` and the salt and output lengths are within ARGON2_LIMITS and RFC 9106's rules. */
export function argon2ParamsAllowed(params: Argon2Params, saltBytes: number, length: number): boolean {
  const { memoryKiB: m, iterations: t, parallelism: p } = params;
  const whole = [m, t, p, saltBytes, length].every(Number.isSafeInteger);
  return (
    whole &&
    t >= 1 &&
    t <= ARGON2_LIMITS.maxIterations &&
    p >= 1 &&
    p <= ARGON2_LIMITS.maxParallelism &&
    m >= 8 * p &&
    m <= ARGON2_LIMITS.maxMemoryKiB &&
    saltBytes >= ARGON2_LIMITS.minSaltBytes &&
    saltBytes <= ARGON2_LIMITS.maxSaltBytes &&
    length >= ARGON2_LIMITS.minLength &&
    length <= ARGON2_LIMITS.maxLength
  );
}

const VARIANTS = { argon2id, argon2i, argon2d } as const;

/**
 * Argon2 (argon2id unless told otherwise) through hash-wasm: one WASM implementation for the vault's
 * passphrase slot, the encrypted backup and imports. WASM needs 'wasm-unsafe-eval' in the extension
 * pages' CSP (SECURITY #25 still forbids 'unsafe-eval'); it is ~10x faster than plain JavaScript,
 * which is what lets the default parameters unlock in well under half a second. Throws RangeError
 * for parameters outside ARGON2_LIMITS. Each run is recorded as a `kdf` performance measure (the
 * import and unlock benchmarks report it).
 * `password` strings are UTF-8 encoded as they are; normalising them (NFC) is the caller's choice,
 * because other apps' files were derived from the bytes their users typed.
 */
export async function deriveArgon2(
  password: string | Uint8Array,
  salt: Uint8Array,
  params: Argon2Params,
  length = 32,
  variant: Argon2Variant = 'argon2id',
): Promise<Uint8Array<ArrayBuffer>> {
  if (!argon2ParamsAllowed(params, salt.length, length)) {
    throw new RangeError('Argon2 parameters outside the supported range');
  }
  const start = performance.now();
  const bytes = typeof password === 'string' ? new TextEncoder().encode(password) : password;
  const key = await VARIANTS[variant]({
    password: bytes,
    salt,
    memorySize: params.memoryKiB,
    iterations: params.iterations,
    parallelism: params.parallelism,
    hashLength: length,
    outputType: 'binary',
  });
  performance.measure('kdf', { start, end: performance.now() });
  return new Uint8Array(key);
}
