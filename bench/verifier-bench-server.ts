/**
 * The verifier under load, in its own process so that autocannon (in the parent) does not share
 * its event loop. Reads BENCH_DB and BENCH_KEY (hex), listens on 127.0.0.1 port 0, prints one
 * JSON line `{"url": …}` and closes on SIGTERM.
 */
import { buildApp } from '../verifier-server/app';
import { defaultConfig } from '../verifier-server/config';

async function main(): Promise<void> {
  const databasePath = process.env.BENCH_DB;
  const key = process.env.BENCH_KEY;
  if (!databasePath || !key) throw new Error('BENCH_DB and BENCH_KEY are required');
  const { app } = await buildApp(
    defaultConfig({ databasePath, secretKey: new Uint8Array(Buffer.from(key, 'hex')), log: false }),
  );
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  process.stdout.write(`${JSON.stringify({ url })}\n`);
  process.on('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`bench server: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
