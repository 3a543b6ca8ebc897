/**
 * Unlock time with the passphrase slot's argon2id parameters (issue 11: target ≤ 500 ms), through
 * the real vault code (hash-wasm's WASM, as in the extension) under Node with fake-indexeddb:
 * derive the KEK, unwrap the vault key, open. Median and p90 of RUNS unlocks.
 */
import 'fake-indexeddb/auto';
import { resolve } from 'node:path';
import { openVault, PASSPHRASE_ARGON2ID } from '../extension/vault';

const RUNS = 9;

export async function runUnlockBench(): Promise<void> {
  const vault = await openVault({ dbName: 'unlock-bench' });
  await vault.setPassphrase('een wachtwoordzin voor de benchmark');
  vault.close();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    (await openVault({ dbName: 'unlock-bench', passphrase: 'een wachtwoordzin voor de benchmark' })).close();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(RUNS / 2)] ?? Number.NaN;
  const p90 = times[Math.ceil(RUNS * 0.9) - 1] ?? Number.NaN;
  const { memoryKiB: m, iterations: t, parallelism: p } = PASSPHRASE_ARGON2ID;
  process.stdout.write(
    `unlock with argon2id m = ${m / 1024} MiB, t = ${t}, p = ${p}: median ${median.toFixed(0)} ms, p90 ${p90.toFixed(0)} ms ` +
      `(${RUNS} runs) — target ≤ 500 ms ${median <= 500 ? 'MET' : 'MISSED'}\n`,
  );
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  await runUnlockBench();
}
