import fastifyAccepts from '@fastify/accepts';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import { levels } from 'pino';
import type { AppContext } from './app-context';
import { deriveKeys } from './auth/derive-keys';
import { createHashLimiter } from './auth/hash-limiter';
import { createPasswordHasher } from './auth/password-hasher';
import { totpCodeChecker } from './auth/totp-code-checker';
import type { VerifierConfig } from './config';
import './http/fastify-augment';
import { accessLogHook } from './http/access-log';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { languageHook } from './http/language-hook';
import { securityHeaders } from './http/security-headers';
import type { MessageTransport } from './outbox/message-transport';
import { createOutboxTransport } from './outbox/outbox-transport';
import { accountRoutes } from './routes/account-routes';
import { authenticatorRoutes } from './routes/authenticator-routes';
import { enrollRoutes } from './routes/enroll-routes';
import { fallbackRoutes } from './routes/fallback-routes';
import { loginRoutes } from './routes/login-routes';
import { outboxRoutes } from './routes/outbox-routes';
import { passwordRoutes } from './routes/password-routes';
import { secondStepRoutes } from './routes/second-step-routes';
import { staticRoutes } from './routes/static-routes';
import { logDatabaseError } from './store/log-database-error';
import { openStore } from './store/open-store';
import type { Store } from './store/store';

export interface AppDependencies {
  /** Defaults to the configured one (store/open-store.ts); an injected store is the caller's to close. */
  readonly store?: Store;
  /** Defaults to the development outbox. */
  readonly transport?: MessageTransport;
}

export interface VerifierApp {
  readonly app: FastifyInstance;
  readonly ctx: AppContext;
}

/**
 * Fastify's two lines per request (incoming, completed) are replaced by the access log's one
 * (http/access-log.ts); its error lines (stream and write failures) stay.
 */
class WithoutRequestLines extends LogController {
  override incomingRequest(): void {}
  override requestCompleted(): void {}
}

/** Security events (`event` lines) are logged at info even when LOG_LEVEL is higher. */
function eventLog(log: FastifyBaseLogger): FastifyBaseLogger {
  const info = levels.values.info ?? 30;
  return (levels.values[log.level] ?? 0) > info ? log.child({}, { level: 'info' }) : log;
}

/** Builds the verifier; never listens (server.ts does). Tests build a fresh one per test and use inject. */
export async function buildApp(config: VerifierConfig, deps: AppDependencies = {}): Promise<VerifierApp> {
  const { timeouts, trustProxy } = config;
  const headers = securityHeaders(config.secureCookies);
  const app = Fastify({
    logger:
      config.log === false
        ? false
        : {
            level: config.log.level,
            ...(config.log.stream ? { stream: config.log.stream } : {}),
            // No headers (cookies), and no query string: it could carry what a form sent by GET.
            serializers: {
              req: (request: { method: string; url: string; ip?: string }) => ({
                method: request.method,
                path: request.url.split('?', 1)[0],
                remoteAddress: request.ip,
              }),
            },
          },
    logController: new WithoutRequestLines(),
    bodyLimit: 16 * 1024,
    // Closing (a restart, a deploy): a request that still arrives on an open connection is answered
    // as usual, not with Fastify's English JSON 503; Fastify marks its answer `connection: close`,
    // so the browser's next request reaches the new server; startup/close-gracefully.ts ends the
    // connections left (no hook of ours on every request for it).
    return503OnClosing: false,
    // A number of proxies in front: the nearest `hops` addresses of X-Forwarded-For are trusted
    // (what Fastify does with a number, which its types do not name).
    trustProxy:
      typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    // SECURITY #32: a slow client cannot hold a connection. Node checks the request and header
    // deadlines every `connectionsCheckingInterval` (30 s by default), so that is tightened too.
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    http: {
      headersTimeout: timeouts.headersMs,
      connectionsCheckingInterval: Math.min(1000, timeouts.headersMs),
    },
    // The router refuses bad URL escapes and over-long params before any hook; without this
    // Fastify answers with its own JSON (echoing the path) instead of our error page. No onRequest
    // hook runs for them either, so the security headers are set here.
    frameworkErrors: (error, request, reply) => {
      reply.headers(headers);
      return errorHandler(error, request, reply);
    },
  });
  const keys = deriveKeys(config.secretKey);
  const store =
    deps.store ??
    (await openStore(
      config,
      (err) => logDatabaseError(app.log, err),
      config.sqliteThread ? { sqliteThreadKey: keys.secrets } : {},
    ));
  const limiter = createHashLimiter({
    concurrency: config.passwordConcurrency,
    queue: config.passwordQueue,
    perClient: config.passwordPerClient,
    perGroup: config.passwordPerGroup,
  });
  const ctx: AppContext = {
    config,
    policy: config.policy,
    store,
    keys,
    checkCode: totpCodeChecker(keys.secrets),
    passwords: await createPasswordHasher(config.argon2, limiter),
    transport: deps.transport ?? createOutboxTransport(store, keys.outbox, config.now),
    log: eventLog(app.log),
    nowSeconds: () => Math.floor(config.now() / 1000),
  };

  app.decorate('secureCookies', config.secureCookies);
  app.decorate('nowSeconds', ctx.nowSeconds);
  // server.ts sets it once it knows whether the demo account exists.
  app.decorate('demoNotice', false);
  app.decorateRequest('lang', 'nl');
  app.decorateRequest('t', null as never);

  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  await app.register(fastifyCookie, { secret: keys.cookies });
  await app.register(fastifyCsrf, {
    cookieKey: config.secureCookies ? '__Host-csrf' : '_csrf',
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: config.secureCookies, signed: true },
  });
  // Forms only: JSON and text bodies are answered 415, never half-understood (SECURITY #20).
  app.removeAllContentTypeParsers();
  await app.register(fastifyFormbody);
  await app.register(fastifyAccepts);

  app.addHook('onRequest', languageHook);
  // The Date header from the configured clock, the one codes are checked against: authenticators
  // (the extension's clock-drift check) compare their clock with it. Only for a clock other than
  // the computer's (tests, VERIFIER_CLOCK_OFFSET_SECONDS): Node sets the same header itself.
  if (config.now !== Date.now) {
    app.addHook('onSend', async (_request, reply) => {
      reply.header('date', new Date(config.now()).toUTCString());
    });
  }
  if (config.log !== false && config.accessLog > 0)
    app.addHook('onResponse', accessLogHook(config.accessLog));
  // SECURITY #16: every state-changing POST carries the form's _csrf token (checked once the body is parsed).
  app.addHook('preHandler', (request, reply, done) => {
    if (request.method === 'POST') app.csrfProtection(request, reply, done);
    else done();
  });
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);

  staticRoutes(app);
  loginRoutes(app, ctx);
  secondStepRoutes(app, ctx);
  fallbackRoutes(app, ctx);
  accountRoutes(app, ctx);
  authenticatorRoutes(app, ctx);
  enrollRoutes(app, ctx);
  passwordRoutes(app, ctx);
  if (ctx.transport.readable && config.outbox !== 'off') outboxRoutes(app, ctx);

  const purge = setInterval(() => {
    ctx.store.purgeExpired(ctx.nowSeconds()).catch((err: unknown) => app.log.error({ err }, 'purge failed'));
  }, 5 * 60_000);
  purge.unref();
  app.addHook('onClose', async () => {
    clearInterval(purge);
    if (!deps.store) await store.close();
  });
  return { app, ctx };
}
