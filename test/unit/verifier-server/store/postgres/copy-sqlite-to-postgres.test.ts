import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { deriveKeys } from '../../../../../verifier-server/auth/derive-keys';
import { runCli } from '../../../../../verifier-server/cli/run-cli';
import { defaultConfig } from '../../../../../verifier-server/config';
import { COPIED_TABLES } from '../../../../../verifier-server/store/copy/copy-sqlite-to-postgres';
import { openSqliteSource } from '../../../../../verifier-server/store/copy/open-sqlite-source';
import { createPostgresStore } from '../../../../../verifier-server/store/postgres/create-postgres-store';
import { MIGRATION_LOCK } from '../../../../../verifier-server/store/postgres/migrate-postgres';
import { POSTGRES_MIGRATIONS } from '../../../../../verifier-server/store/postgres/postgres-migrations';
import { createSqliteStore } from '../../../../../verifier-server/store/sqlite/create-sqlite-store';
import { SQLITE_MIGRATIONS } from '../../../../../verifier-server/store/sqlite/sqlite-migrations';
import type { Store } from '../../../../../verifier-server/store/store';
import { addUser, enroll, loginByEmail, passwordStep, totp } from '../../../../support/verifier-fixtures';
import type { TestSchema } from '../../../../support/verifier-postgres';
import { captureIo, runVerifierToExit } from '../../../../support/verifier-process';
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
  options: { args?: string[]; postgres?: boolean; sqlitePath?: string; url?: string } = {},
) {
  const config = defaultConfig({
    databasePath: options.sqlitePath ?? path,
    postgres: options.postgres === false ? null : testPostgresOptions(options.url ?? schema.url),
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

/** A value as both databases can be compared by: BLOB/bytea as hex, flags as 0/1, numbers as text. */
function comparable(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('hex');
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}
const canonical = (rows: Record<string, unknown>[]) =>
  rows
    .map((r) =>
      JSON.stringify(
        Object.keys(r)
          .sort()
          .map((k) => [k, comparable(r[k])]),
      ),
    )
    .sort();

/** Every row of `table` in SQLite and in PostgreSQL, column by column. */
async function bothSides(table: string) {
  const db = new Database(path, { readonly: true });
  db.defaultSafeIntegers(true);
  try {
    const sqliteRows = db.prepare<[], Record<string, unknown>>(`SELECT * FROM ${table}`).all();
    const postgresRows = await schema.query(`SELECT * FROM ${table}`);
    return { sqlite: canonical(sqliteRows), postgres: canonical(postgresRows) };
  } finally {
    db.close();
  }
}

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
    // A second authenticator being added (step 1 done), and a code by e-mail asked for and unused.
    await enrolling.get('/account/authenticators/new');
    const pending = await enrolling.post('/account/authenticators/new', { name: 'Chrome plugin balie 2' });
    expect(pending.location).toBe('/account/authenticators/new/step-2');
    const { browser: asking } = await passwordStep(before, balie);
    await asking.get('/login/fallback');
    expect((await asking.post('/login/fallback', { channel: 'email' })).location).toBe(
      '/login/fallback/code',
    );
    // The key check its first start recorded (startup/check-master-key.ts).
    await before.ctx.store.claimKeyCheck(deriveKeys(key).keyCheck);
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
      // An integer beyond 2^53 arrives exactly (JavaScript numbers would round it).
      db.prepare("UPDATE login_throttle SET until = 9007199254740993 WHERE key_hash = 'throttle-0'").run();
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
    // Every table, every row, every column, as SQLite had it (and none of them empty).
    for (const table of COPIED_TABLES) {
      const sides = await bothSides(table);
      expect(sides.sqlite.length, table).toBeGreaterThan(0);
      expect(sides.postgres, table).toEqual(sides.sqlite);
    }
    expect(
      (
        await schema.query<{ until: string }>(
          "SELECT until::text FROM login_throttle WHERE key_hash = 'throttle-0'",
        )
      )[0]?.until,
    ).toBe('9007199254740993');
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

    const one = await copy(new Uint8Array(randomBytes(32)));
    expect(one.code).toBe(1);
    expect(one.err).toContain('the one sealed value in the SQLite database does not open with the key');
    expect(one.err).toContain('the key is another one, or that value is damaged');
    expect(one.err).toContain(`VERIFIER_KEY_FILE=${path}.key`);

    const again = await sqliteApp();
    await seedAuthenticator(again, user.id, 'Chrome plugin behandelkamer 1');
    await stop(again);
    const two = await copy(new Uint8Array(randomBytes(32)));
    expect(two.code).toBe(1);
    expect(two.err).toContain('none of the 2 sealed values in the SQLite database');
    expect(two.err).toContain('opens with the key this configuration uses');
    expect(two.err).toContain(`VERIFIER_KEY_FILE=${path}.key`);
    expect(await tablesInSchema()).toBe(0);
  });

  /** Flips one bit of a sealed value in the SQLite file (an attacker, or a bad disk). */
  function tamper(table: string, column: string, where: string, value: unknown) {
    const db = new Database(path);
    try {
      const row = db
        .prepare<[unknown], { sealed: Buffer }>(`SELECT ${column} AS sealed FROM ${table} WHERE ${where} = ?`)
        .get(value);
      if (!row) throw new Error(`no ${table} row`);
      row.sealed[20] = (row.sealed[20] ?? 0) ^ 1;
      db.prepare(`UPDATE ${table} SET ${column} = ? WHERE ${where} = ?`).run(row.sealed, value);
    } finally {
      db.close();
    }
  }

  test('refuses a tampered authenticator secret, naming that authenticator and no other', async () => {
    const before = await sqliteApp();
    const user = await addUser(before, { username: 'balie' });
    const good = await seedAuthenticator(before, user.id, 'Chrome plugin balie');
    const bad = await seedAuthenticator(before, user.id, 'Chrome plugin behandelkamer 1');
    await stop(before);
    tamper('authenticators', 'secret_sealed', 'id', bad.id);

    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain(
      `1 of 2 authenticators (${bad.id} of "balie"): remove them (remove-authenticator`,
    );
    expect(copied.err).not.toContain(good.id);
    expect(copied.err).not.toContain('VERIFIER_KEY_FILE=');
    expect(await tablesInSchema()).toBe(0);
  });

  test('refuses a tampered pending enrollment or outbox message, with what ends them', async () => {
    const before = await sqliteApp();
    const user = await addUser(before, { username: 'balie' });
    await seedAuthenticator(before, user.id);
    const browser = await loginByEmail(before, user);
    await browser.get('/account/authenticators/new');
    await browser.post('/account/authenticators/new', { name: 'Chrome plugin balie 2' });
    await stop(before);

    tamper('pending_enrollments', 'secret_sealed', 'user_id', user.id);
    const pending = await copy(before.config.secretKey);
    expect(pending.code).toBe(1);
    expect(pending.err).toContain(
      '1 of 1 pending enrollments (of "balie"): they end 10 minutes after they began',
    );
    expect(pending.err).not.toContain('authenticators (');

    tamper('pending_enrollments', 'secret_sealed', 'user_id', user.id); // as it was
    const reader = new Database(path, { readonly: true });
    const [message] = reader.prepare('SELECT id FROM outbox').all() as { id: number }[];
    reader.close();
    tamper('outbox', 'sealed', 'id', message?.id);
    const outboxCopy = await copy(before.config.secretKey);
    expect(outboxCopy.code).toBe(1);
    expect(outboxCopy.err).toContain(
      `outbox messages (ids ${message?.id}): the verifier on SQLite removes them`,
    );
    expect(await tablesInSchema()).toBe(0);
  });

  test('the SQLite key check names another key even with nothing sealed to open', async () => {
    const before = await sqliteApp();
    await before.ctx.store.claimKeyCheck(deriveKeys(new Uint8Array(randomBytes(32))).keyCheck);
    await stop(before);
    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain('used with another key than this configuration uses');
    expect(copied.err).toContain(`VERIFIER_KEY_FILE=${path}.key`);
    expect(await tablesInSchema()).toBe(0);
  });

  test('with the key check matching, secrets that do not open are damaged, not a sign of another key', async () => {
    const before = await sqliteApp();
    const user = await addUser(before, { username: 'balie' });
    await seedAuthenticator(before, user.id);
    await seedAuthenticator(before, user.id, 'Chrome plugin behandelkamer 1');
    await stop(before);
    const key = new Uint8Array(randomBytes(32));
    sqlite('INSERT INTO key_check (id, value) VALUES (1, ?)', deriveKeys(key).keyCheck);
    const copied = await copy(key);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain('2 of 2 authenticators');
    expect(copied.err).toContain('damaged or were altered');
    expect(copied.err).not.toContain('VERIFIER_KEY_FILE=');
    expect(await tablesInSchema()).toBe(0);
  });

  test('a row PostgreSQL refuses rolls back the whole copy, schema included', async () => {
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
    expect(await tablesInSchema()).toBe(0);
  });

  test('a refused row shows no detail but a unique violation’s: other details print whole rows', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    await stop(before);
    // A send of a user that no longer exists (written with foreign keys off).
    const db = new Database(path);
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO fallback_sends (user_id, sent_at) VALUES (999, 1800000000)').run();
    db.close();
    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toContain('PostgreSQL refused a row of fallback_sends (constraint');
    expect(copied.err).not.toContain('Key (');
    expect(copied.err).not.toContain('999');
    expect(await tablesInSchema()).toBe(0);
  });

  test.each([
    ['a BLOB in a text column', "UPDATE users SET email = x'0102'", 'users.email of row 1 holds a BLOB'],
    [
      'a NUL in a text',
      "UPDATE users SET mobile = 'a' || char(0) || 'b'",
      'users.mobile of row 1 holds a NUL character',
    ],
    [
      'a fraction in an integer column',
      'UPDATE users SET failed_attempts = 1.5',
      'users.failed_attempts of row 1 holds number',
    ],
    [
      'a flag that is neither 0 nor 1',
      'UPDATE users SET locked = 2',
      'users.locked of row 1 holds the number 2',
    ],
  ])(
    '%s is refused, naming table, column and row, not changed on the way',
    async (_what, change, message) => {
      const before = await sqliteApp();
      await addUser(before, { username: 'balie' });
      await stop(before);
      sqlite(change);
      const copied = await copy(before.config.secretKey);
      expect(copied.code).toBe(1);
      expect(copied.err).toContain(message);
      expect(await tablesInSchema()).toBe(0);
    },
  );

  test('two copies at once into one database: one copies, the other is refused', async () => {
    const before = await sqliteApp();
    for (let i = 0; i < 20; i++) await addUser(before, { username: `medewerker${i}` });
    await stop(before);
    // Two files (one file is taken by the first copy that opens it: see the next test).
    const second = join(dir, 'copy-of-verifier.db');
    copyFileSync(path, second);
    const key = before.config.secretKey;
    const results = await Promise.all([copy(key), copy(key, { sqlitePath: second })]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    expect(results.find((r) => r.code === 1)?.err).toMatch(/already holds data|another copy/);
    expect(await rowCount('users')).toBe(20);
  });

  test('a schema another copy or a starting verifier is migrating is refused at once, untouched', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    await stop(before);
    const other = new pg.Client({ connectionString: schema.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1, hashtext($2))', [MIGRATION_LOCK, schema.name]);
      const copied = await copy(before.config.secretKey);
      expect(copied.code).toBe(1);
      expect(copied.err).toContain(
        'another copy, or a verifier starting, is working on this PostgreSQL schema',
      );
    } finally {
      await other.end();
    }
    expect(await tablesInSchema()).toBe(0);
  });

  test('a schema of another application, or an older verifier’s, is refused and left as it was', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    await stop(before);
    await schema.query('CREATE TABLE invoices (id integer)');
    const foreign = await copy(before.config.secretKey);
    expect(foreign.code).toBe(1);
    expect(foreign.err).toContain('holds tables of something else (invoices)');
    expect(await tablesInSchema()).toBe(1);

    await schema.query('DROP TABLE invoices');
    await schema.query('CREATE TABLE verifier_schema (version integer NOT NULL)');
    await schema.query(POSTGRES_MIGRATIONS[0] as string);
    await schema.query('INSERT INTO verifier_schema (version) VALUES (1)');
    await schema.query("INSERT INTO organisations (name) VALUES ('Oud')");
    await schema.query(
      'INSERT INTO fallback_codes (session_hash, channel, code_hash, expires_at) VALUES ($1, $2, $3, $4)',
      ['h', 'email', 'c', 1],
    );
    const older = await copy(before.config.secretKey);
    expect(older.code).toBe(1);
    expect(older.err).toContain('holds a verifier database of schema version 1');
    // Not migrated on the way (migration 2 would have emptied fallback_codes).
    expect((await schema.query<{ version: number }>('SELECT version FROM verifier_schema'))[0]?.version).toBe(
      1,
    );
    expect(await rowCount('fallback_codes')).toBe(1);
    expect(await rowCount('organisations')).toBe(1);
  });

  test('refused while a verifier still has the SQLite file open, idle or not; during a copy nobody writes it', async () => {
    const running = await sqliteApp();
    await addUser(running, { username: 'balie' });
    // Left running (step 1 forgotten): it would go on accepting logins that never reach PostgreSQL.
    const refused = await copy(running.config.secretKey);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      `${path} is in use by another program, most likely a verifier still running on it`,
    );
    expect(refused.err).toContain('Nothing was copied.');
    expect(await tablesInSchema()).toBe(0);
    // It noticed nothing: it still serves.
    await addUser(running, { username: 'behandelkamer1' });
    await stop(running);

    // While a copy reads the file, a verifier started on it can neither write nor read it, and
    // another copy of the same file is refused.
    const source = openSqliteSource(path);
    const writer = new Database(path);
    writer.pragma('busy_timeout = 100');
    try {
      expect(() => writer.prepare("INSERT INTO organisations (name) VALUES ('Nieuw')").run()).toThrow(
        /database is locked/,
      );
      expect(() => writer.prepare('SELECT count(*) FROM users').get()).toThrow(/database is locked/);
      const second = await copy(running.config.secretKey);
      expect(second.code).toBe(1);
      expect(second.err).toContain('is in use by another program');
    } finally {
      source.db.close();
    }
    writer.prepare("INSERT INTO organisations (name) VALUES ('Nieuw')").run();
    writer.close();

    const copied = await copy(running.config.secretKey);
    expect(copied.err).toBe('');
    expect(copied.code).toBe(0);
    expect(await rowCount('users')).toBe(2);
    expect(
      (
        await schema.query<{ n: number }>("SELECT count(*)::int AS n FROM organisations WHERE name = 'Nieuw'")
      )[0]?.n,
    ).toBe(1);
  });

  test('the database URL is never printed, its password least of all', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    await stop(before);
    const withPassword = new URL(schema.url);
    withPassword.password = 'geheim-wachtwoord-123';
    const copied = await copy(before.config.secretKey, { url: withPassword.toString() });
    expect(copied.code).toBe(0);
    const unreachable = new URL(withPassword);
    unreachable.port = '1';
    const failed = await copy(before.config.secretKey, { url: unreachable.toString() });
    expect(failed.code).toBe(1);
    expect(failed.err).toContain('PostgreSQL could not be reached');
    expect(failed.err).toContain('ECONNREFUSED');
    for (const text of [copied.out, copied.err, failed.out, failed.err]) {
      expect(text).not.toContain('geheim-wachtwoord-123');
      expect(text).not.toContain(schema.name);
    }
  });

  test('a column PostgreSQL does not have is refused, not dropped', async () => {
    const before = await sqliteApp();
    await addUser(before, { username: 'balie' });
    await stop(before);
    sqlite('ALTER TABLE users ADD COLUMN note TEXT');

    const copied = await copy(before.config.secretKey);
    expect(copied.code).toBe(1);
    expect(copied.err).toMatch(/table users has the columns .*note.* in SQLite but/);
    expect(await tablesInSchema()).toBe(0);
  });

  test('from the command line: a missing key file is reported and not created; the SQLite key file copies', async () => {
    const before = await sqliteApp();
    const user = await addUser(before, { username: 'balie' });
    await seedAuthenticator(before, user.id);
    await stop(before);
    const missing = join(dir, 'verifier.key');
    const env = { databasePath: path, key: '', seed: false };
    const refused = await runVerifierToExit(
      { ...env, extra: { DATABASE_URL: schema.url, VERIFIER_KEY_FILE: missing } },
      ['copy-to-postgres'],
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`key file ${missing} does not exist. copy-to-postgres needs the key`);
    expect(existsSync(missing)).toBe(false);
    expect(await tablesInSchema()).toBe(0);

    writeFileSync(`${path}.key`, `${Buffer.from(before.config.secretKey).toString('base64')}\n`, {
      mode: 0o600,
    });
    const copied = await runVerifierToExit(
      { ...env, extra: { DATABASE_URL: schema.url, VERIFIER_KEY_FILE: `${path}.key` } },
      ['copy-to-postgres'],
    );
    expect(copied.stderr).toBe('');
    expect(copied.code).toBe(0);
    expect(copied.stdout).toMatch(/authenticators\s+1\n/);
  }, 30_000);

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

    const folder = await copy(key, { sqlitePath: dir });
    expect(folder.code).toBe(1);
    expect(folder.err).toContain(`${dir} is not a file`);

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
