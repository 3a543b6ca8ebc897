import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createPrivateFile, FilePermissionError } from '../../../../../verifier-server/fs/private-file';
import { createSqliteStore } from '../../../../../verifier-server/store/sqlite/create-sqlite-store';
import { openSqlite, SchemaVersionError } from '../../../../../verifier-server/store/sqlite/open-sqlite';
import { SQLITE_MIGRATIONS } from '../../../../../verifier-server/store/sqlite/sqlite-migrations';
import { expectSelectorMigration } from '../selector-migration-checks';

const CURRENT = SQLITE_MIGRATIONS.length;

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'verifier-sqlite-'));
  path = join(dir, 'verifier.db');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A database made by hand (an older or newer verifier), private like ours. */
function rawDatabase(): Database.Database {
  createPrivateFile(path);
  return new Database(path);
}

function userVersion(): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((r) => r.name);
}

describe('openSqlite: versioned migrations (CONVENTIONS #6)', () => {
  test('a new database is migrated to the current version', () => {
    const { db, fresh } = openSqlite(path);
    expect(fresh).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(CURRENT);
    expect(tables(db)).toEqual(expect.arrayContaining(['authenticators', 'sessions', 'users']));
    db.close();
    const again = openSqlite(path);
    expect(again.fresh).toBe(false);
    again.db.close();
  });

  test.each([
    [0, CURRENT + 1],
    [1, CURRENT + 50],
  ])(
    'case %i: a database at user_version %i is refused with SchemaVersionError and left as it was',
    (_i, v) => {
      const raw = rawDatabase();
      raw.exec('CREATE TABLE from_the_future (x)');
      raw.pragma(`user_version = ${v}`);
      raw.close();
      expect(() => openSqlite(path)).toThrow(SchemaVersionError);
      expect(() => openSqlite(path)).toThrow(/newer than this verifier supports/);
      expect(() => createSqliteStore(path)).toThrow(SchemaVersionError);
      expect(userVersion()).toBe(v);
      const check = new Database(path, { readonly: true });
      expect(tables(check)).toEqual(['from_the_future']);
      check.close();
    },
  );

  test('a refused newer database keeps its journal mode', () => {
    const raw = rawDatabase();
    raw.pragma('journal_mode = DELETE');
    raw.pragma(`user_version = ${CURRENT + 1}`);
    raw.close();
    expect(() => openSqlite(path)).toThrow(SchemaVersionError);
    const check = new Database(path, { readonly: true });
    expect(check.pragma('journal_mode', { simple: true })).toBe('delete');
    check.close();
  });

  test('reopening applies nothing twice and keeps the data', async () => {
    const store = createSqliteStore(path);
    const org = await store.createOrganisation('Praktijk Zuid', true);
    await store.createUser({
      organisationId: org.id,
      username: 'anna',
      email: 'anna@praktijk.example',
      mobile: null,
      passwordHash: 'x',
    });
    await store.close();

    const first = openSqlite(path).db;
    const before = tables(first);
    first.close();
    const again = createSqliteStore(path);
    expect(userVersion()).toBe(CURRENT);
    expect(await again.findUserByName('anna')).toMatchObject({ email: 'anna@praktijk.example' });
    expect(await again.findOrganisation('Praktijk Zuid')).toMatchObject({ requireTwoFactor: true });
    await again.close();
    const last = openSqlite(path).db;
    expect(tables(last)).toEqual(before);
    last.close();
  });
});

describe('migration 4: sessions named by a selector and a validator', () => {
  test('a version 3 database keeps its users and authenticators; its sessions end with their fallback codes and pending enrollments', async () => {
    const raw = rawDatabase();
    for (const migration of SQLITE_MIGRATIONS.slice(0, 3)) raw.exec(migration);
    raw.pragma('user_version = 3');
    raw.exec(`
      INSERT INTO organisations (id, name, require_2fa) VALUES (1, 'Praktijk', 1);
      INSERT INTO users (id, organisation_id, username, email, password_hash) VALUES (1, 1, 'anna', 'a@p.example', 'x');
      INSERT INTO authenticators (id, user_id, name, secret_sealed, algorithm, digits, period, last_step, created_at)
        VALUES ('a1', 1, 'Chrome plugin balie', x'00', 'SHA1', 6, 30, 5, 0);
      INSERT INTO sessions (id_hash, user_id, stage, created_at, expires_at, auth_time) VALUES ('old', 1, 'full', 0, 2e9, 0);
      INSERT INTO fallback_codes (session_hash, channel, code_hash, expires_at) VALUES ('old', 'email', 'h', 2e9);
      INSERT INTO pending_enrollments (session_hash, user_id, authenticator_id, name, secret_sealed, expires_at)
        VALUES ('old', 1, 'a2', 'Tweede', x'00', 2e9);
    `);
    raw.close();

    const store = createSqliteStore(path);
    expect(userVersion()).toBe(CURRENT);
    await expectSelectorMigration(store);
    await store.close();
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT selector, validator_hash FROM sessions').all()).toEqual([
      { selector: 'sel', validator_hash: 'val' },
    ]);
    check.close();
  });
});

describe('migration 6: a fallback send names its client (SECURITY #19)', () => {
  test('a version 5 database keeps its sends; they name no client and count for the account only', async () => {
    const raw = rawDatabase();
    for (const migration of SQLITE_MIGRATIONS.slice(0, 5)) raw.exec(migration);
    raw.pragma('user_version = 5');
    raw.exec(`
      INSERT INTO organisations (id, name, require_2fa) VALUES (1, 'Praktijk', 1);
      INSERT INTO users (id, organisation_id, username, email, password_hash) VALUES (1, 1, 'anna', 'a@p.example', 'x');
      INSERT INTO fallback_sends (user_id, sent_at) VALUES (1, 1800000000), (1, 1800000060);
    `);
    raw.close();

    const store = createSqliteStore(path);
    expect(userVersion()).toBe(CURRENT);
    expect(await store.listFallbackSends(1, 0)).toEqual([
      { sentAt: 1800000000, client: '' },
      { sentAt: 1800000060, client: '' },
    ]);
    const limits = { since: 1800000100 - 3600, perClient: 1, perAccount: 3 };
    expect(await store.recordFallbackSend(1, { sentAt: 1800000100, client: 'a' }, limits)).toBe(true);
    expect(await store.recordFallbackSend(1, { sentAt: 1800000101, client: 'b' }, limits)).toBe(false);
    await store.close();
  });
});

describe('openSqlite: files only this account can read (SECURITY #28)', () => {
  const mode = (file: string) => statSync(file).mode & 0o777;

  test('a new database is created 0600 in a new 0700 directory, and so are its -wal and -shm', async () => {
    path = join(dir, 'data', 'verifier.db');
    const store = createSqliteStore(path);
    await store.createOrganisation('Praktijk', true);
    expect(mode(join(dir, 'data'))).toBe(0o700);
    for (const file of [path, `${path}-wal`, `${path}-shm`]) {
      expect(existsSync(file)).toBe(true);
      expect(mode(file)).toBe(0o600);
    }
    await store.close();
  });

  test.each([
    [0, '', 0o644],
    [1, '', 0o640],
    [2, '-wal', 0o644],
    [3, '-shm', 0o604],
  ])(
    'case %i: a database%s file with mode %o is refused with "chmod 600", and not opened',
    async (_i, suffix, m) => {
      const store = createSqliteStore(path);
      await store.createOrganisation('Oost', false);
      const file = `${path}${suffix}`;
      chmodSync(file, m);
      await store.close();
      // Closing the last connection may remove -wal and -shm; put them back as another process would leave them.
      if (!existsSync(file)) {
        createPrivateFile(file);
        chmodSync(file, m);
      }
      expect(() => openSqlite(path)).toThrow(FilePermissionError);
      expect(() => createSqliteStore(path)).toThrow(`chmod 600 ${file}`);
      expect(mode(file)).toBe(m);
    },
  );

  test.each([
    [0, 0o755],
    [1, 0o750],
    [2, 0o711],
    [3, 0o770],
    [4, 0o1777],
  ])(
    'case %i: an existing database directory with mode %o is refused with "chmod 700", and nothing is made in it',
    async (_i, m) => {
      const data = join(dir, 'data');
      path = join(data, 'verifier.db');
      // An earlier start made the database; the directory was opened up since.
      const store = createSqliteStore(path);
      await store.createOrganisation('Praktijk', true);
      await store.close();
      chmodSync(data, m);
      expect(() => openSqlite(path)).toThrow(FilePermissionError);
      expect(() => createSqliteStore(path)).toThrow(
        `database directory ${data} is open to other accounts (mode ${(m & 0o777).toString(8).padStart(4, '0')}); run: chmod 700 ${data}`,
      );
      expect(mode(data)).toBe(m & 0o777);
      // A new database there is not made either.
      const other = join(data, 'new.db');
      expect(() => openSqlite(other)).toThrow(`chmod 700 ${data}`);
      expect(existsSync(other)).toBe(false);
    },
  );

  test('an existing database directory of mode 0700 is accepted', async () => {
    const data = join(dir, 'data');
    path = join(data, 'verifier.db');
    await createSqliteStore(path).close();
    chmodSync(data, 0o700);
    const { db } = openSqlite(path);
    db.close();
  });

  test.runIf(process.getuid?.() === 0)(
    'a database directory owned by another account is refused',
    async () => {
      const data = join(dir, 'data');
      path = join(data, 'verifier.db');
      await createSqliteStore(path).close();
      chownSync(data, 12345, 12345);
      expect(() => openSqlite(path)).toThrow(`database directory ${data} belongs to another account`);
    },
  );

  test.runIf(process.getuid?.() === 0)('a database owned by another account is refused', () => {
    createPrivateFile(path);
    chownSync(path, 12345, 12345);
    expect(() => openSqlite(path)).toThrow(/belongs to another account/);
  });
});
