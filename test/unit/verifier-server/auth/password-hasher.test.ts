import { verify as argon2Verify } from '@node-rs/argon2';
import { describe, expect, test, vi } from 'vitest';
import { createHashLimiter, LOCAL_LANE } from '../../../../verifier-server/auth/hash-limiter';
import { createPasswordHasher } from '../../../../verifier-server/auth/password-hasher';
import { PRODUCTION_ARGON2 } from '../../../../verifier-server/config';

const limiter = () => createHashLimiter({ concurrency: 2, queue: 8, perClient: 8 });

// The real argon2id verification, watched: an unknown user must cost one of them too.
vi.mock('@node-rs/argon2', async (load) => {
  const actual = await load<typeof import('@node-rs/argon2')>();
  return { ...actual, verify: vi.fn(actual.verify) };
});

describe('password hashing (SECURITY #12, #13)', () => {
  test('argon2id with m = 19 MiB, t = 2, p = 1 and a 16-byte salt, the parameters stored with the hash', async () => {
    const hasher = await createPasswordHasher(PRODUCTION_ARGON2, limiter());
    const hash = await hasher.hash('correct horse battery');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await hasher.hash('correct horse battery')).not.toBe(hash); // a fresh salt each time
    expect(await hasher.verify('correct horse battery', hash, LOCAL_LANE)).toBe(true);
    expect(await hasher.verify('Correct horse battery', hash, LOCAL_LANE)).toBe(false);
  });

  test('an unknown user (no hash) is verified against a dummy and always fails', async () => {
    const hasher = await createPasswordHasher({ memorySize: 1024, iterations: 1 }, limiter());
    expect(await hasher.verify('', null, LOCAL_LANE)).toBe(false);
    expect(await hasher.verify('anything', null, LOCAL_LANE)).toBe(false);
  });

  test('an unknown user costs one argon2id verification with the parameters of a real hash (SECURITY #13)', async () => {
    const cost = { memorySize: 2048, iterations: 3 };
    const hasher = await createPasswordHasher(cost, limiter());
    const real = await hasher.hash('a real password');
    const verify = vi.mocked(argon2Verify);
    verify.mockClear();
    expect(await hasher.verify('a guess', null, LOCAL_LANE)).toBe(false);
    expect(await hasher.verify('a guess', real, LOCAL_LANE)).toBe(false);
    expect(verify).toHaveBeenCalledTimes(2);
    const [dummy] = verify.mock.calls[0] ?? [];
    const parameters = (phc: unknown) => String(phc).split('$').slice(1, 4).join('$');
    expect(parameters(dummy)).toBe('argon2id$v=19$m=2048,t=3,p=1');
    expect(parameters(dummy)).toBe(parameters(real));
  });

  test('a hash made with older, cheaper parameters still verifies (they travel with the hash)', async () => {
    const cheap = await createPasswordHasher({ memorySize: 4096, iterations: 1 }, limiter());
    const old = await cheap.hash('old password');
    const current = await createPasswordHasher(PRODUCTION_ARGON2, limiter());
    expect(await current.verify('old password', old, LOCAL_LANE)).toBe(true);
  });
});
