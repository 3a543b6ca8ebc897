/**
 * The verifier's entry point and the only file that reads the environment.
 * `npm run verifier` listens; `npm run verifier -- <command>` runs an administration command.
 */
import { buildApp } from './app';
import { loadOrCreateKeyFile, parseKey } from './auth/load-key';
import { runCli } from './cli/run-cli';
import { defaultConfig, type VerifierConfig } from './config';
import { DEMO, isLoopbackHost, seedDemo } from './seed/seed-demo';

function configFromEnvironment(env: NodeJS.ProcessEnv): {
  config: VerifierConfig;
  host: string;
  port: number;
} {
  const databasePath = env.VERIFIER_DB ?? '.data/verifier.db';
  const keyFile =
    env.VERIFIER_KEY_FILE ?? (databasePath === ':memory:' ? '.data/verifier.key' : `${databasePath}.key`);
  const secretKey = env.VERIFIER_KEY
    ? parseKey(env.VERIFIER_KEY, 'VERIFIER_KEY')
    : loadOrCreateKeyFile(keyFile).key;
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, not "${env.PORT}"`);
  const config = defaultConfig({
    databasePath,
    secretKey,
    issuer: env.VERIFIER_ISSUER ?? 'Demo Portaal',
    secureCookies: env.VERIFIER_SECURE_COOKIES === '1',
    exposeOutbox: isLoopbackHost(env.HOST ?? '127.0.0.1') || env.VERIFIER_OUTBOX === '1',
    log: { level: env.LOG_LEVEL ?? 'info' },
  });
  return { config, host: env.HOST ?? '127.0.0.1', port };
}

async function serve(config: VerifierConfig, host: string, port: number, seed: boolean): Promise<void> {
  const { app, ctx } = await buildApp(config);
  const seeded = seed && (await ctx.store.countUsers()) === 0;
  if (seeded && !isLoopbackHost(host)) {
    await app.close();
    throw new Error(
      `Refusing to create the demo account (demo/demo) on ${host}, which others can reach. ` +
        'Create users with `npm run verifier -- add-user`, or listen on 127.0.0.1.',
    );
  }
  if (seeded) await seedDemo(ctx.store, ctx.passwords);
  const address = await app.listen({ host, port });
  const url = address.replace('[::1]', 'localhost');
  const lines = [`Verifier: ${url}/login`];
  if (config.exposeOutbox) lines.push(`Outbox:   ${url}/outbox`);
  if (seeded) {
    lines.push(
      `Demo-account / demo account: ${DEMO.username} / ${DEMO.password} (${DEMO.organisation}, 2FA verplicht / required)`,
      'Inloggen gaat met een code per e-mail; die staat in de outbox. / The login code arrives by e-mail; read it in the outbox.',
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function main(): Promise<void> {
  const { config, host, port } = configFromEnvironment(process.env);
  const args = process.argv.slice(2);
  if (args.length > 0) {
    process.exitCode = await runCli(args, config, {
      out: process.stdout,
      err: process.stderr,
      input: process.stdin,
    });
    return;
  }
  await serve(config, host, port, process.env.VERIFIER_SEED !== '0');
}

main().catch((err: unknown) => {
  process.stderr.write(`verifier: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
