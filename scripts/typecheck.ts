/**
 * `npm run typecheck` (part of `npm run lint`): `tsc --noEmit` for each area's tsconfig, each of
 * which enforces that area's import boundaries (README, "Who may import whom"). The projects are
 * independent, so they run side by side, as many at once as the machine has cores: one after the
 * other they took about a minute of CI, most of it one core waiting on the other.
 * Prints each failing project's errors under its name and exits 1 if any failed.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

const PROJECTS = [
  'shared/tsconfig.json',
  'verifier-server/tsconfig.json',
  'extension/tsconfig.json',
  'extension/popup/tsconfig.json',
  'extension/background/tsconfig.json',
  'extension/content/tsconfig.json',
  'extension/import/tsconfig.json',
  'extension/backup/tsconfig.json',
  'extension/options/tsconfig.json',
  'extension/lock/tsconfig.json',
  'extension/offscreen/tsconfig.json',
  'test/tsconfig.json',
  'test/unit/extension/background/tsconfig.json',
] as const;

interface Checked {
  readonly project: string;
  readonly ok: boolean;
  readonly output: string;
}

function check(project: string): Promise<Checked> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TSC, '-p', project, '--pretty', 'false'], { cwd: ROOT });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
    });
    child.on('error', (err) => resolve({ project, ok: false, output: String(err) }));
    child.on('close', (code) => resolve({ project, ok: code === 0, output }));
  });
}

async function main(): Promise<void> {
  const queue = [...PROJECTS];
  const results: Checked[] = [];
  const lane = async () => {
    for (let project = queue.shift(); project !== undefined; project = queue.shift())
      results.push(await check(project));
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, lane));
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) process.stderr.write(`\ntsc -p ${r.project}:\n${r.output}`);
  process.stdout.write(
    `typecheck: ${results.length - failed.length} of ${results.length} projects without errors\n`,
  );
  if (failed.length > 0) process.exitCode = 1;
}

await main();
