/**
 * The reference of the verifier benchmark: a bare Fastify hello-world (no plugins, no hooks, no
 * logger) in its own process, so the verifier's figures can be read as a share of what the
 * framework does on this machine at this moment. Prints one JSON line `{"url": …}`.
 */
import Fastify from 'fastify';

const app = Fastify();
app.get('/', async () => 'hello world');
const url = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url })}\n`);
process.on('SIGTERM', () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
});
