import { buildApp } from '../app';
import type { VerifierConfig } from '../config';
import { demoAccountOpen } from '../seed/seed-demo';
import { assertMasterKeyRecorded } from './check-master-key';
import { closeOnSignals } from './close-on-signals';
import { watchDemoAccount } from './watch-demo-account';
import { stopWhenKeyReplaced } from './watch-master-key';
import type { WorkerMessage } from './worker-message';

/**
 * One of VERIFIER_WORKERS processes: the primary has migrated and seeded the database and checked
 * its key, and handed that key to this process, so this only opens the database, checks that the
 * key is still the recorded one, listens on the shared port (node:cluster hands out the
 * connections) and tells the primary where; the primary prints the start-up text once.
 */
export async function runWorker(config: VerifierConfig, host: string, port: number): Promise<void> {
  const { app, ctx } = await buildApp(config);
  // A worker started later (replacing one that died) finds the key check as it is now: a
  // rotate-key or reset-key-check since the start has given the database another key. A worker
  // that runs finds out within VERIFIER_KEY_WATCH_MS (watch-master-key.ts).
  try {
    await ctx.store.holdInstanceLock();
    await assertMasterKeyRecorded(ctx.store, config.secretKey);
  } catch (error) {
    await app.close();
    throw error;
  }
  app.demoNotice = await demoAccountOpen(ctx.store, ctx.passwords);
  stopWhenKeyReplaced(app, ctx.store, config);
  watchDemoAccount(app, ctx.store, ctx.passwords, config.keyWatchMs);
  const address = await app.listen({ host, port });
  const message: WorkerMessage = { type: 'listening', address };
  process.send?.(message);
  closeOnSignals(app);
}
