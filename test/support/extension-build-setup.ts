/**
 * vitest globalSetup of the end-to-end projects: builds the extension into dist/ (`vite build`, as
 * `npm run build` does) before the browsers load it, so every way of running them (`npm run
 * test:e2e`, `npx vitest run`, one file) tests the extension the source describes, never a stale
 * or missing build. Both end-to-end projects run in one process: the build runs once.
 */
import { spawnSync } from 'node:child_process';

const BUILT = 'AUTHENTICATOR_E2E_EXTENSION_BUILT';

export function setup(): void {
  if (process.env[BUILT] === '1') return;
  // vitest sets NODE_ENV=test, which would make this a development build (Preact's devtools hooks,
  // source paths in the output): the tests load the build users get.
  const vite = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (vite.status !== 0) throw new Error(`vite build failed (status ${vite.status ?? vite.signal})`);
  process.env[BUILT] = '1';
}
