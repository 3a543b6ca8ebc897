import { buildApp } from '../app';
import type { VerifierConfig } from '../config';
import { closeOnSignals } from './close-on-signals';
import { prepareDatabase, startupLines } from './prepare-database';
import { watchDemoAccount } from './watch-demo-account';
import { stopWhenKeyReplaced } from './watch-master-key';

/** One process: migrate, seed, listen, print where. */
export async function runSingle(
  config: VerifierConfig,
  host: string,
  port: number,
  seed: boolean,
): Promise<void> {
  const { app, ctx } = await buildApp(config);
  const prepared = await prepareDatabase(ctx.store, ctx.passwords, config, host, seed);
  app.demoNotice = prepared.demoOpen;
  if (prepared.warning) {
    app.log.warn({ event: 'demo.exposed' }, 'the demo account is reachable from other hosts');
    process.stderr.write(`${prepared.warning}\n`);
  }
  stopWhenKeyReplaced(app, ctx.store, config);
  watchDemoAccount(app, ctx.store, ctx.passwords, config.keyWatchMs);
  const address = await app.listen({ host, port });
  process.stdout.write(`${startupLines(config, address, prepared).join('\n')}\n`);
  closeOnSignals(app);
}
