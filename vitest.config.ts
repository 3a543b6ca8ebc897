import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Timeouts here catch hangs, not slowness: two test files run side by side on a shared 2-core
// machine, so the CPU-heavy tests (argon2, hundreds of requests) get more than Vitest's 5 s.
const UNIT_TIMEOUT_MS = 20_000;

/**
 * The process tests of the unit projects run the built verifier (`npm run verifier`'s build) under
 * Node; the end-to-end tests run it through tsx, as `npm start` does.
 */
const VERIFIER_BUILD = 'test/support/verifier-build-setup.ts';

/** The end-to-end tests load the extension from dist/: built at the start of every run. */
const EXTENSION_BUILD = 'test/support/extension-build-setup.ts';

/** The one end-to-end file that must not share the machine with another browser. */
const E2E_ALONE = 'test/e2e/managed-policy.test.ts';

export default defineConfig({
  test: {
    // At least two test files at a time, even on 2 cores (Vitest's default is cores − 1): much of
    // the tests waits on PostgreSQL, SQLite's thread, child processes or a browser, not the CPU.
    // Every project inherits this value, which then outranks --maxWorkers on the command line:
    // set VITEST_MAX_WORKERS=n (or pass --no-file-parallelism) to change it for one run.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          exclude: ['test/unit/verifier-server/store/postgres/**'],
          environment: 'node',
          testTimeout: UNIT_TIMEOUT_MS,
          hookTimeout: UNIT_TIMEOUT_MS,
          globalSetup: [VERIFIER_BUILD],
        },
      },
      {
        // The verifier's tests again, on a real PostgreSQL (a throwaway server unless DATABASE_URL
        // is set; each test in a schema of its own): every security test holds on both stores.
        extends: true,
        test: {
          name: 'unit-pg',
          include: ['test/unit/verifier-server/**/*.test.{ts,tsx}'],
          // SQLite's own, and those that never reach a store (pure functions, HTTP timeouts, headers).
          exclude: [
            'test/unit/verifier-server/store/sqlite/**',
            'test/unit/verifier-server/store/batch-queue.test.ts',
            'test/unit/verifier-server/auth/{match-totp-step,hash-limiter,password-hasher,load-key}.test.ts',
            'test/unit/verifier-server/http/{slow-clients,security-headers,language-hook}.test.ts',
            'test/unit/verifier-server/i18n/**',
          ],
          environment: 'node',
          testTimeout: UNIT_TIMEOUT_MS,
          hookTimeout: UNIT_TIMEOUT_MS,
          env: { VERIFIER_TEST_STORE: 'postgres' },
          globalSetup: [VERIFIER_BUILD, 'test/support/verifier-postgres-setup.ts'],
        },
      },
      {
        // Real Chromium with the built extension, against real verifier processes: two files at a
        // time on 2 cores (much of it is waiting for the next TOTP period or a timer to fire).
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          exclude: [E2E_ALONE],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: [EXTENSION_BUILD],
          sequence: { groupOrder: 0 },
        },
      },
      {
        // The managed-policy test writes a policy file that every Chromium on the machine obeys
        // while it exists, so it runs on its own: a group of its own, after the other end-to-end
        // files (before them when files run one at a time, VITEST_MAX_WORKERS=1; still alone).
        extends: true,
        test: {
          name: 'e2e-policy',
          include: [E2E_ALONE],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          globalSetup: [EXTENSION_BUILD],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
