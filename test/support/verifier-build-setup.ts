/**
 * vitest globalSetup of the `unit` and `unit-pg` projects: builds the verifier once per run, as
 * `npm run verifier` does (scripts/build-verifier.ts), and provides its entry as `verifierEntry`.
 * The process tests (test/support/verifier-process.ts) then start plain Node on it: a start takes
 * about 0.6 s instead of 1.4 s under tsx, and those tests start a few hundred processes a run.
 * The end-to-end tests keep running the TypeScript through tsx, as `npm start` does.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { buildVerifier, temporaryBuildFolder } from '../../scripts/build-verifier';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The built verifier's server entry (a .js file), for the process tests to run under Node. */
    verifierEntry?: string;
  }
}

let outdir: string | undefined;

export async function setup(project: TestProject): Promise<void> {
  const folder = temporaryBuildFolder(`verifier-${project.name}-`);
  outdir = folder;
  project.provide('verifierEntry', await buildVerifier(folder));
  // Watch mode: the source may have changed since; the entry's path stays the same.
  project.onTestsRerun(async () => {
    await buildVerifier(folder);
  });
}

export function teardown(): void {
  if (outdir) rmSync(outdir, { recursive: true, force: true });
}
