import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runCli } from '../../../../../verifier-server/cli/run-cli';
import { defaultConfig } from '../../../../../verifier-server/config';
import { COPIED_TABLES } from '../../../../../verifier-server/store/copy/copy-sqlite-to-postgres';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import { POSTGRES_MIGRATIONS } from '../../../../../verifier-server/store/postgres/postgres-migrations';
import { createSqliteStore } from '../../../../../verifier-server/store/sqlite/create-sqlite-store';
import { SQLITE_MIGRATIONS } from '../../../../../verifier-server/store/sqlite/sqlite-migrations';
import type { Store } from '../../../../../verifier-server/store/store';
import { addUser, enroll, loginByEmail, passwordStep, totp } from '../../../../support/verifier-fixtures';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { captureIo } from '../../../../support/verifier-process';
import { createTestApp, type TestApp, testClock } from '../../../../support/verifier-test-app';
import { testPostgresOptions, testSchema } from '../../../../support/verifier-test-store';
import {
  browserWithCookies,
  loginWithTotp,
  outbox,
  seedAuthenticator,
} from '../../routes/route-test-helpers';

/**
 * `copy-to-postgres` (unit-pg only: it needs a PostgreSQL): a practice that started on SQLite
 * moves to PostgreSQL to run several verifiers, and nothing its staff or an attacker would
 * notice changes, except what the copy refuses to do.
 */

let dir: string;
let path: string;
let schema: TestSchema;
const closers: Array<() => Promise<unknown>> = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'verifier-copy-'));
  path = join(dir, 'verifier.db');
  schema = await testSchema();
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await schema.drop();
  rmSync(dir, { recursive: true, force: true });
});

/** The practice's verifier on SQLite, as `npm start` runs it (a file on disk); stopped before each copy. */
async function sqliteApp(clock = testClock()): Promise<TestApp> {
  const store = createSqliteStore(path);
  const t = await createTestApp({ store, clock });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await t.app.close();
    await store.close();
  };
  stops.set(t, stop);
  closers.push(stop);
  return t;
}
const stops = new Map<TestApp, () => Promise<void>>();
const stop = (t: TestApp) => stops.get(t)?.();

async function postgresStore(): Promise<Store> {
  const store = await createPostgresStore(testPostgresOptions(schema.url), () => undefined);
  closers.push(() => store.close());
  return store;
}

/** `npm run verifier -- copy-to-postgres` with VERIFIER_DB=path and DATABASE_URL=the test schema. */
async function copy(
  key: Uint8Array,
  options: { args?: string[]; postgres?: boolean; sqlitePath?: string } = {},
) {
  const config = defaultConfig({
    databasePath: options.sqlitePath ?? path,
    postgres: options.postgres === false ? null : testPostgresOptions(schema.url),
    secretKey: key,
    log: false,
  });
  const capture = captureIo();
  const code = await runCli(['copy-to-postgres', ...(options.args ?? [])], config, capture.io);
  return { code, out: capture.out(), err: capture.err() };
}

const rowCount = async (table: string) =>
  (await schema.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;
const tablesInSchema = async () =>
  (
    await schema.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1',
      [schema.name],
    )
  )[0]?.n;
/** The SQLite data as stored: the database file and its WAL (missing or empty: nothing pending). */
const fingerprint = (file: string) =>
  [file, `${file}-wal`].map((f) => {
    const bytes = existsSync(f) ? readFileSync(f) : Buffer.alloc(0);
    return bytes.length === 0 ? '-' : createHash('sha256').update(bytes).digest('hex');
  });

/** Runs SQL on the SQLite file beside the verifier (as an operator with the sqlite3 shell would). */
function sqlite(sql: string, ...values: unknown[]) {
  const db = new Database(path, { fileMustExist: true });
  try {
    return db.prepare(sql).run(...values);
  } finally {
    db.close();
  }
}

describe('copy-to-postgres', () => {
  test('staff notice nothing: signed-in and remembered browsers, authenticators, used codes, locks and the outbox come along', async () => {
    const clock = testClock();
    const before = await sqliteApp(clock);
    const key = before.config.secretKey;
    // Enrolled through the pages after an e-mail code (so the outbox holds a message), then
    // signed in with a code from a browser that asked to be remembered.
    const balie = await addUser(before, { username: 'balie' });
    const enrolling = await loginByEmail(before, balie);
    const auth = await enroll(before, enrolling, balie, 'Chrome plugin balie');
    const { browser: remembered } = await loginWithTotp(before, balie, auth, { remember: true });
    const usedCode = totp(auth.secret, clock.now());
    const { browser: signedIn } = await passwordStep(before, balie);
    expect((await signedIn.get('/login/code')).status).toBe(200);
    // A colleague locked out after too many wrong codes.
    const kamer = await addUser(before, { username: 'behandelkamer1' });
    const kamerAuth = await seedAuthenticator(before, kamer.id, 'Chrome plugin behandelkamer 1');
    // More rows than one INSERT carries (500): the copy goes in several statements.
    const throttled = 1_201;
    await stop(before);
    sqlite('UPDATE users SET locked = 1, failed_attempts = 10 WHERE id = ?', kamer.id);
    const db = new Database(path);
    const insert = db.prepare(
      'INSERT INTO login_throttle (key_hash, failures, until, last_at) VALUES (?, 1, 0, ?)',
    );
    db.transaction(() => {
      for (let i = 0; i < throttled; i++) insert.run(`throttle-${i}`, Math.floor(clock.now() / 1000));
    })();
    db.close();
    const sqliteBefore = fingerprint(path);

    const copied = await copy(key);
    expect(copied.err).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.out).toMatch(/users\s+2\n/);
    expect(copied.out).toMatch(/authenticators\s+2\n/);
    expect(copied.out).toMatch(new RegExp(`login_throttle\\s+${throttled}\\n`));
    expect(copied.out).toContain('open with this configuration');
    expect(copied.out).not.toContain(schema.url);
    expect(fingerprint(path)).toEqual(sqliteBefore);
    expect(await rowCount('login_throttle')).toBe(throttled);
    expect((await schema.query<{ version: number }>('SELECT version FROM verifier_schema'))[0]?.version).toBe(
      POSTGRES_MIGRATIONS.length,
    );

    const store = await postgresStore();
    const after = await createTestApp({ store, clock, config: { secretKey: key } });
    closers.push(() => after.app.close());
    // The browser halfway through its login continues on PostgreSQL, and the code already used
    // on SQLite is refused there: the replay guard's last step came along.
    const halfway = browserWithCookies(after, Object.fromEntries(signedIn.cookies));
    expect((await halfway.get('/login/code')).status).toBe(200);
    const replay = await halfway.post('/login/code', { authenticator: auth.id, code: usedCode });
    expect(replay.location).not.toBe('/account');
    clock.advance(30);
    const next = await halfway.post('/login/code', {
      authenticator: auth.id,
      code: totp(auth.secret, clock.now()),
    });
    expect(next.location).toBe('/account');
    expect((await halfway.get('/account')).status).toBe(200);
    // The remembered browser still skips the code.
    const back = browserWithCookies(after, Object.fromEntries(remembered.cookies));
    expect((await back.get('/account')).status).toBe(200);
    await back.post('/logout');
    const rememberedLogin = await passwordStep(after, balie, back);
    expect(rememberedLogin.page.location).toBe('/account');
    // The lock holds: the right password and the right code do not sign the colleague in.
    clock.advance(30);
    const { browser: locked } = await passwordStep(after, kamer);
    await locked.get('/login/code');
    const refused = await locked.post('/login/code', {
      authenticator: kamerAuth.id,
      code: totp(kamerAuth.secret, clock.now()),
    });
    expect(refused.location).not.toBe('/account');
    expect((await store.findUserByName('behandelkamer1'))?.locked).toBe(true);
    // The e-mail code sent on SQLite is still readable in the outbox.
    expect((await outbox(after)).some((m) => m.to === balie.email && /\b\d{6}\b/.test(m.body))).toBe(true);
    // New organisations and users continue after the copied ids.
    const org = await store.createOrganisation('Praktijk na de verhuizing', true);
    const newcomer = await addUser(after, { organisation: org.name, username: 'nieuw' });
    expect(newcomer.id).toBeGreaterThan(kamer.id);
  });

  test('refuses a PostgreSQL that already holds data, and leaves it as it was', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    const existing = await postgresStore();
    await existing.createOrganisation('Demo Praktijk', true);
    await stop(before);

    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain('already holds data (organisations 1)');
    expect(copied.err).toContain('Nothing was copied');
    expect(await rowCount('organisations')).toBe(1);
    expect(await rowCount('users')).toBe(0);
  });

  test('refuses another key before PostgreSQL is touched, and says which key file to use', async () => {
    const before = await sqliteApp();
    const user = await addUser(before, { username: 'balie' });
    await seedAuthenticator(before, user.id);
    await stop(before);

    const copied = await copy(new Uint8Array(randomBytes(32)));
    expect(copied.code).toBe(1);
    expect(copied.err).toContain('opens with the key this configuration uses');
    expect(copied.err).toContain(`VERIFIER_KEY_FILE=${path}.key`);
    expect(await tablesInSchema()).toBe(0);
  });

  test('refuses a tampered secret, naming its authenticator and no other', async () => {
    const before = await sqliteApp();
    const user = await addUser(before, { username: 'balie' });
    const good = await seedAuthenticator(before, user.id, 'Chrome plugin balie');
    const bad = await seedAuthenticator(before, user.id, 'Chrome plugin behandelkamer 1');
    await stop(before);
    const db = new Database(path);
    const row = db
      .prepare<[string], { sealed: Buffer }>(
        'SELECT secret_sealed AS sealed FROM authenticators WHERE id = ?',
      )
      .get(bad.id);
    if (!row) throw new Error('no sealed secret');
    row.sealed[20] = (row.sealed[20] ?? 0) ^ 1;
    db.prepare('UPDATE authenticators SET secret_sealed = ? WHERE id = ?').run(row.sealed, bad.id);
    db.close();

    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain(`1 of 2 authenticators (${bad.id} of "balie")`);
    expect(copied.err).not.toContain(good.id);
    expect(await tablesInSchema()).toBe(0);
  });

  test('a row PostgreSQL refuses rolls back the whole copy', async () => {
    // SQLite's NOCASE folds ASCII only, so it holds both; PostgreSQL's lower() folds É too.
    const before = await sqliteApp();
    await addUser(before, { username: 'Émile' });
    await addUser(before, { username: 'émile' });
    await stop(before);

    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain('PostgreSQL refused a row of users');
    expect(copied.err).toContain('already exists');
    expect(copied.err).not.toContain('$argon2');
    for (const table of COPIED_TABLES) expect(await rowCount(table)).toBe(0);
  });

  test('two copies at once into one database: one copies, the other is refused', async () => {
    const before = await sqliteApp();
    for (let i = 0; i < 20; i++) await addUser(before, { username: `medewerker${i}` });
    await stop(before);
    const results = await Promise.all([copy(before.config.secretKey), copy(before.config.secretKey)]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(results.find((r) => r.code === 1)?.err).toContain('already holds data');
    expect(await rowCount('users')).toBe(20);
  });

  test('a column PostgreSQL does not have is refused, not dropped', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    await stop(before);
    sqlite('ALTER TABLE users ADD COLUMN note TEXT');

    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toMatch(/table users has the columns .*note.* in SQLite but/);
    for (const table of COPIED_TABLES) expect(await rowCount(table)).toBe(0);
  });

  test('refuses what is not this verifier’s SQLite database, and changes none of it', async () => {
    const key = new Uint8Array(randomBytes(32));
    const missing = await copy(key);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`there is no SQLite database at ${path}`);
    expect(existsSync(path)).toBe(false);

    writeFileSync(path, 'no database here, just text that is long enough to be a header or more than that');
    const text = await copy(key);
    expect(text.code).toBe(1);
    expect(text.err).toContain('is not a SQLite database');

    rmSync(path);
    const old = new Database(path);
    for (const migration of SQLITE_MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma('user_version = 3');
    old.close();
    const older = await copy(key);
    expect(older.code).toBe(1);
    expect(older.err).toContain('from an older verifier (schema version 3 of');
    const reopened = new Database(path, { readonly: true });
    expect(reopened.pragma('user_version', { simple: true })).toBe(3);
    reopened.close();

    const memory = await copy(key, { sqlitePath: ':memory:' });
    expect(memory.code).toBe(1);
    expect(memory.err).toContain('an in-memory database cannot be copied');
    expect(await tablesInSchema()).toBe(0);
  });

  test('asks for DATABASE_URL, and takes no arguments', async () => {
    const key = new Uint8Array(randomBytes(32));
    const noTarget = await copy(key, { postgres: false });
    expect(noTarget.code).toBe(2);
    expect(noTarget.err).toContain('set DATABASE_URL');
    const extra = await copy(key, { args: ['--force'] });
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('takes no arguments');
  });
});
