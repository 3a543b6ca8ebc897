/**
 * The verifier's entry point and the only file that reads the environment.
 * `npm run verifier` listens; `npm run verifier -- <command>` runs an administration command.
 */
import { buildApp } from './app';
import { loadOrCreateKeyFile, parseKey } from './auth/load-key';
import { runCli } from './cli/run-cli';
import { defaultConfig, type VerifierConfig } from './config';
import { isLoopbackAddress } from './http/loopback';
import { DEMO, demoAccountOpen, seedDemo } from './seed/seed-demo';

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
  const secureCookies = env.VERIFIER_SECURE_COOKIES === '1';
  // A developer aid: a server whose clock is off, to test authenticators against (docs/verifier.md).
  const offsetSeconds = Number(env.VERIFIER_CLOCK_OFFSET_SECONDS ?? 0);
  if (!Number.isFinite(offsetSeconds))
    throw new Error(
      `VERIFIER_CLOCK_OFFSET_SECONDS must be a number, not "${env.VERIFIER_CLOCK_OFFSET_SECONDS}"`,
    );
  const config = defaultConfig({
    databasePath,
    secretKey,
    issuer: env.VERIFIER_ISSUER ?? 'Demo Portaal',
    secureCookies,
    // SECURITY #27: behind https (a proxy, so every request comes from loopback) never by default.
    outbox: env.VERIFIER_OUTBOX === '1' ? 'everyone' : secureCookies ? 'off' : 'local',
    trustProxy: env.VERIFIER_TRUST_PROXY ? env.VERIFIER_TRUST_PROXY : false,
    log: { level: env.LOG_LEVEL ?? 'info' },
    ...(offsetSeconds === 0 ? {} : { now: () => Date.now() + offsetSeconds * 1000 }),
  });
  return { config, host: env.HOST ?? '127.0.0.1', port };
}

async function serve(config: VerifierConfig, host: string, port: number, seed: boolean): Promise<void> {
  const { app, ctx } = await buildApp(config);
  const local = isLoopbackAddress(host);
  const lines: string[] = [];
  // SECURITY #27: demo/demo only on a new database that only this machine can reach over http.
  const seeded = seed && ctx.store.fresh && local && !config.secureCookies;
  if (seeded) await seedDemo(ctx.store, ctx.passwords);
  else if (seed && ctx.store.fresh) {
    lines.push(
      'No demo account: it is created only for 127.0.0.1 without VERIFIER_SECURE_COOKIES. ' +
        'Create users with `npm run verifier -- add-user`.',
    );
  }
  app.demoNotice = await demoAccountOpen(ctx.store, ctx.passwords);
  // Secure cookies mean a proxy in front: others reach this server through it.
  if (app.demoNotice && (!local || config.secureCookies)) {
    const warning = `WARNING: the demo account (${DEMO.username}/${DEMO.password}) exists and others can reach this verifier (${host}${config.secureCookies ? ', behind https' : ''}): anyone can log in. Set its password with \`npm run verifier -- set-password ${DEMO.username}\`.`;
    app.log.warn({ event: 'demo.exposed' }, 'the demo account is reachable from other hosts');
    process.stderr.write(`${warning}\n`);
  }
  const address = await app.listen({ host, port });
  const url = address.replace('[::1]', 'localhost');
  lines.unshift(`Verifier: ${url}/login`);
  if (config.outbox === 'local') lines.push(`Outbox:   ${url}/outbox (only from this machine)`);
  if (config.outbox === 'everyone')
    lines.push(`Outbox:   ${url}/outbox (open to everyone: VERIFIER_OUTBOX=1)`);
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
