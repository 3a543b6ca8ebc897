import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openSqlite, SchemaVersionError } from '../../../../verifier-server/store/open-sqlite';
import { SQLITE_MIGRATIONS } from '../../../../verifier-server/store/sqlite-migrations';
import { createSqliteStore } from '../../../../verifier-server/store/sqlite-store';

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
    const db = openSqlite(path);
    expect(db.pragma('user_version', { simple: true })).toBe(CURRENT);
    expect(tables(db)).toEqual(expect.arrayContaining(['authenticators', 'sessions', 'users']));
    db.close();
  });

  test.each([
    [0, CURRENT + 1],
    [1, CURRENT + 50],
  ])(
    'case %i: a database at user_version %i is refused with SchemaVersionError and left as it was',
    (_i, v) => {
      const raw = new Database(path);
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
    const raw = new Database(path);
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

    const first = openSqlite(path);
    const before = tables(first);
    first.close();
    const again = createSqliteStore(path);
    expect(userVersion()).toBe(CURRENT);
    expect(await again.findUserByName('anna')).toMatchObject({ email: 'anna@praktijk.example' });
    expect(await again.findOrganisation('Praktijk Zuid')).toMatchObject({ requireTwoFactor: true });
    await again.close();
    const last = openSqlite(path);
    expect(tables(last)).toEqual(before);
    last.close();
  });
});
