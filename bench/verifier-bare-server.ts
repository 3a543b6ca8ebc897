/**
 * The reference of the verifier benchmark: a bare Fastify hello-world (no plugins, no hooks, no
 * logger) in its own process, so the verifier's figures can be read as a share of what the
 * framework does on this machine at this moment. Prints one JSON line `{"url": …}`.
 * BARE_WORKERS=2 serves it from two node:cluster workers on one port, as VERIFIER_WORKERS=2
 * does the verifier: what two processes gain or lose on these CPUs with nothing of ours in them.
 */
import cluster from 'node:cluster';
import Fastify from 'fastify';

const workers = Number(process.env.BARE_WORKERS ?? 1);

if (workers > 1 && cluster.isPrimary) {
  let listening = 0;
  cluster.on('listening', (_worker, address) => {
    listening++;
    if (listening === workers)
      process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${address.port}` })}\n`);
  });
  // Workers asking for port 0 share the one port the primary picks.
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill();
    cluster.disconnect(() => process.exit(0));
  });
} else {
  const app = Fastify();
  app.get('/', async () => 'hello world');
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  if (cluster.isPrimary) process.stdout.write(`${JSON.stringify({ url })}\n`);
  else process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => {
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
