/**
 * Where the time of one valid-code verification goes (`npx tsx bench/verifier-stage-profile.ts`).
 * Not part of `npm run bench`: it calls the stages of POST /login/code one by one, in one process,
 * on the same kind of bulk fixtures, and prints microseconds per call for each. Cheap and rough:
 * a loaded machine shifts every figure, but not their proportions much.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../verifier-server/app';
import { checkSecondStep } from '../verifier-server/auth/check-second-step';
import { matchTotpStep } from '../verifier-server/auth/match-totp-step';
import { authenticatorAad, openSecret } from '../verifier-server/auth/secret-box';
import { newSessionToken, sessionKeyOf } from '../verifier-server/auth/session-token';
import { defaultConfig } from '../verifier-server/config';
import { translator } from '../verifier-server/i18n/translator';
import { splitSessionKey } from '../verifier-server/store/session-key';
import { currentCode, prepareFixtures } from './verifier-fixtures';

const N = 5_000;
const dir = mkdtempSync(join(tmpdir(), 'verifier-profile-'));
const databasePath = join(dir, 'profile.db');
const key = new Uint8Array(randomBytes(32));
const fixtures = await prepareFixtures({ sqlite: databasePath }, key, { a: N, b: N });
const { app, ctx } = await buildApp(defaultConfig({ databasePath, secretKey: key, log: false }));
const t = translator('nl');
const now = () => Math.floor(Date.now() / 1000);
const a = fixtures.groups.a ?? [];
const b = fixtures.groups.b ?? [];
const rows: Array<[string, number]> = [];

async function stage(name: string, fn: (i: number) => unknown): Promise<void> {
  const start = performance.now();
  for (let i = 0; i < N; i++) await fn(i);
  rows.push([name, ((performance.now() - start) * 1000) / N]);
}

// Group a: each stage alone. User ids: group a is 1..N in insertion order.
const keyOf = (u: (typeof a)[number] | undefined) => sessionKeyOf(u?.sessionTokens[0] ?? '') ?? '';
const sessions = a.map(keyOf);
await stage("sessionKeyOf (the cookie's key: SHA-256 of its validator)", (i) => keyOf(a[i]));
await stage('store.getSession', (i) => ctx.store.getSession(sessions[i] ?? '', now()));
await stage('store.getSessionUser (the session guard)', (i) =>
  ctx.store.getSessionUser(sessions[i] ?? '', now()),
);
const auths = await Promise.all(a.map((u, i) => ctx.store.getAuthenticator(u.authenticatorId, i + 1)));
await stage('store.getAuthenticator', (i) => ctx.store.getAuthenticator(a[i]?.authenticatorId ?? '', i + 1));
await stage('openSecret (AES-256-GCM)', (i) => {
  const x = auths[i];
  if (x) openSecret(ctx.keys.secrets, x.secretSealed, authenticatorAad(x.id, x.userId));
});
const secrets = auths.map((x) =>
  x ? openSecret(ctx.keys.secrets, x.secretSealed, authenticatorAad(x.id, x.userId)) : new Uint8Array(),
);
const codes = a.map((u) => currentCode(u));
const params = { algorithm: 'SHA1', digits: 6, period: 30 } as const;
await stage('matchTotpStep (±1 step, 3 HMAC)', (i) =>
  matchTotpStep(secrets[i] as Uint8Array, codes[i] as string, params, Date.now()),
);
const step = Math.floor(Date.now() / 30_000);
await stage(
  'store.verifySessionSecondFactor (the session read; claim, guard, rotation in one transaction)',
  (i) => {
    const t0 = now();
    return ctx.store.verifySessionSecondFactor({
      sessionHash: sessions[i] ?? '',
      authenticatorId: a[i]?.authenticatorId ?? '',
      now: t0,
      limits: { maxDelay: 300, lockAfter: 10 },
      check: { code: '', nowMs: 0 },
      prepare: () => ({ match: () => step }),
      next: {
        idHash: newSessionToken(splitSessionKey(sessions[i] ?? '').selector).idHash,
        expiresAt: t0 + 3600,
      },
      remember: null,
    });
  },
);

// Group b: the whole check as the route calls it (the session guard's read and the check, one store call).
await stage('checkSecondStep, whole (valid code)', async (i) => {
  const u = b[i];
  if (!u) throw new Error('fixture missing');
  const r = await checkSecondStep(ctx, t, keyOf(u), u.authenticatorId, currentCode(u), false);
  if (r.kind !== 'checked' || !r.result.ok) throw new Error(`expected a valid code: ${JSON.stringify(r)}`);
});

await app.close();
rmSync(dir, { recursive: true, force: true });
const width = Math.max(...rows.map(([n]) => n.length)) + 2;
process.stdout.write(`µs per call (N = ${N}):\n`);
for (const [name, us] of rows) process.stdout.write(`${name.padEnd(width)}${us.toFixed(1).padStart(8)}\n`);
