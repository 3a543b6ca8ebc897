import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { bundleForNode } from '../scripts/build-verifier';

const ROOT = join(import.meta.dirname, '..');

export interface Running {
  readonly url: string;
  readonly child: ChildProcess;
  /** Bytes the process has logged so far (its stdout and stderr go to `logFile`). */
  loggedBytes(): number;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
}

/**
 * The verifier as an operator starts it (`npm run verifier`): the built server (`entry`, from
 * scripts/build-verifier.ts) under plain Node, with its environment (VERIFIER_DB or DATABASE_URL,
 * VERIFIER_WORKERS …), logging to a file with the server's defaults. Resolves once it printed its
 * address.
 */
export async function startVerifierInstance(
  entry: string,
  env: Readonly<Record<string, string>>,
  logFile: string,
): Promise<Running> {
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: '0',
      VERIFIER_SEED: '0',
      ...env,
    },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const match = /Verifier: (http:\/\/[^\s]+)\/login/.exec(readFileSync(logFile, 'utf8'));
    if (match?.[1]) {
      return { url: match[1], child, loggedBytes: () => statSync(logFile).size, stop: stopper(child) };
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the verifier did not start:\n${readFileSync(logFile, 'utf8')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Builds the bare Fastify reference (verifier-bare-server.ts) into `outdir` as the verifier is
 * built, so that both run under plain Node; returns its entry for startBareServer.
 */
export async function buildBareServer(outdir: string): Promise<string> {
  await bundleForNode({ 'bare-server': 'bench/verifier-bare-server.ts' }, outdir);
  return join(outdir, 'bare-server.js');
}

/** The bare Fastify reference (`entry`, from buildBareServer) in its own process, or `workers` of them. */
export async function startBareServer(entry: string, workers = 1): Promise<Running> {
  const child = spawn(process.execPath, [entry], {
    env: { ...process.env, BARE_WORKERS: String(workers) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once('line', (line) =>
      resolve((JSON.parse(line) as { url: string }).url),
    );
  });
  return { url, child, loggedBytes: () => 0, stop: stopper(child) };
}
