import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/** tsx's ESM entry; test runners that rewrite import.meta lack its resolve, so the package's own require entry points the way. */
function tsxApi(): string {
  if (typeof import.meta.resolve === 'function') return import.meta.resolve('tsx/esm/api');
  const required = createRequire(import.meta.url).resolve('tsx/esm/api');
  return pathToFileURL(required.replace(/\.cjs$/, '.mjs')).href;
}

/**
 * The module `name` beside the module at `from` (an import.meta.url), in the same form: TypeScript
 * under tsx, or built JavaScript.
 */
export const siblingModule = (from: string, name: string): string =>
  from.replace(/[^/]+\.(ts|js)$/, `${name}.$1`);

/**
 * A worker thread running `entry` (a file URL from siblingModule). Built (`npm run verifier`,
 * scripts/build-verifier.ts), the entry is JavaScript and runs as it is; run from its TypeScript
 * through tsx (tests, `npm start`, `npm run dev`), a new thread registers tsx before importing it.
 */
export function startModuleWorker(entry: string, workerData: unknown): Worker {
  if (!entry.endsWith('.ts')) return new Worker(new URL(entry), { workerData });
  const tsx = tsxApi();
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
