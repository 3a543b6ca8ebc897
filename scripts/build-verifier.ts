/**
 * `npm run build:verifier`: the verifier as plain JavaScript in `dist-verifier/`, which
 * `npm run verifier` runs with Node alone (docs/verifier.md, "Running").
 *
 * Why built and not run through tsx: tsx compiles on load, then keeps an esbuild process and a
 * module-hooks thread beside the server for its whole life, and wraps every function it compiles
 * in a name-keeping helper. Measured with the benchmark's PostgreSQL ×1 run, eight alternating
 * pairs: the built server answered 7–50 % more verifications per second in every pair, at 199–312
 * µs of CPU per verification against 276–419 (docs/verifier.md, "Benchmark"). Tests, `npm start`
 * and `npm run dev` still run the TypeScript through tsx.
 *
 * Three entry points, side by side in one folder: the server, and the two modules the SQLite
 * store starts as worker threads (store/sqlite/start-module-worker.ts finds them beside the
 * module that starts them, which in a bundle is the bundle itself). Packages stay external:
 * `node_modules` is used as installed, native addons (better-sqlite3, argon2) included.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const ROOT = join(import.meta.dirname, '..');
const VERIFIER_DIST = join(ROOT, 'dist-verifier');

/**
 * Bundles `entryPoints` (name → TypeScript file) for Node into `outdir` (emptied first), side by
 * side, with the verifier's compiler settings; the bench builds its bare reference server with it
 * too, so that both run the same way.
 */
export async function bundleForNode(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  rmSync(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints,
    outdir,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    tsconfig: 'verifier-server/tsconfig.json',
    // Stack traces map back to the TypeScript with NODE_OPTIONS=--enable-source-maps.
    sourcemap: 'linked',
    logLevel: 'warning',
  });
}

/**
 * A fresh folder for a throwaway build (the benchmark's, a test's), the caller's to remove: inside
 * the repository (`node_modules/.cache`), where the packages a build leaves external resolve.
 */
export function temporaryBuildFolder(prefix: string): string {
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  return mkdtempSync(join(cache, prefix));
}

/** Builds the verifier into `outdir` and returns the path of the server's entry. */
export async function buildVerifier(outdir = VERIFIER_DIST): Promise<string> {
  await bundleForNode(
    {
      server: 'verifier-server/server.ts',
      'sqlite-thread-worker': 'verifier-server/store/sqlite/sqlite-thread-worker.ts',
      'sqlite-checkpoint-worker': 'verifier-server/store/sqlite/sqlite-checkpoint-worker.ts',
    },
    outdir,
  );
  return join(outdir, 'server.js');
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) await buildVerifier();
