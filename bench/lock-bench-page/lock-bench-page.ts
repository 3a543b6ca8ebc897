/**
 * The lock benchmark's page (bench/lock-bench.ts builds it next to a copy of the extension; never
 * part of `npm run build`), in the extension's origin, through the real vault code:
 * - `#setup`: 10 accounts and the passphrase, so the vault is locked (no session key is kept);
 * - `#unlock-<n>`: opens the vault with the passphrase n times (argon2id in hash-wasm's WASM, as
 *   the popup does) and reports each time in ms.
 * It sets `document.title` to `done <json>` or `failed <message>`.
 */
import type { AccountDraft } from '../../extension/otp';
import { openVault } from '../../extension/vault';
import { BENCH_PASSPHRASE } from './bench-passphrase';

const draft = (index: number): AccountDraft => ({
  type: 'totp',
  secret: crypto.getRandomValues(new Uint8Array(20)),
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  issuer: `Issuer ${index}`,
  label: `user${index}@example.nl`,
  name: '',
});

async function setup(): Promise<number> {
  const vault = await openVault();
  try {
    for (let i = 0; i < 10; i++) await vault.add(draft(i));
    await vault.setPassphrase(BENCH_PASSPHRASE);
    return (await vault.list()).accounts.length;
  } finally {
    vault.close();
  }
}

async function unlock(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    (await openVault({ passphrase: BENCH_PASSPHRASE })).close();
    times.push(performance.now() - start);
  }
  return times;
}

const [command = '', argument = ''] = location.hash.slice(1).split('-');
(command === 'setup' ? setup() : unlock(Number(argument) || 1)).then(
  (result) => {
    document.title = `done ${JSON.stringify(result)}`;
  },
  (error: unknown) => {
    document.title = `failed ${error instanceof Error ? error.message : String(error)}`;
  },
);
