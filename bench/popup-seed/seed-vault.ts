/**
 * The benchmark's seeding page (bench/popup-bench.ts builds it next to a copy of the extension;
 * it is never part of `npm run build`). Opened as chrome-extension://<id>/bench/popup-seed/seed.html#<n>,
 * it adds n TOTP accounts through the real vault code, in the extension's origin, and then sets
 * `document.title` to `done <count>` (or `failed <message>`), which the benchmark waits for.
 */
import type { AccountDraft } from '../../extension/otp';
import { openVault } from '../../extension/vault';

function draft(index: number): AccountDraft {
  return {
    type: 'totp',
    secret: crypto.getRandomValues(new Uint8Array(20)),
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    issuer: `Issuer ${String(index).padStart(4, '0')}`,
    label: `user${index}@example.nl`,
    name: '',
  };
}

async function seed(count: number): Promise<number> {
  const vault = await openVault();
  try {
    // Concurrent adds: encryption overlaps, and each add's transaction still picks the next order.
    await Promise.all(Array.from({ length: count }, (_, i) => vault.add(draft(i))));
    return (await vault.list()).accounts.length;
  } finally {
    vault.close();
  }
}

seed(Number(location.hash.slice(1)) || 0).then(
  (stored) => {
    document.title = `done ${stored}`;
  },
  (error: unknown) => {
    document.title = `failed ${error instanceof Error ? error.message : String(error)}`;
  },
);
