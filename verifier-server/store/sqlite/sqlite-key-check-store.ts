import type { KeyCheckStore } from '../key-check-store';
import { type AuthenticatorRow, toAuthenticator } from '../store-rows';
import type { SqliteDb } from './sqlite-db';

export function sqliteKeyCheckStore({ statement }: SqliteDb): KeyCheckStore {
  const sql = {
    get: statement<{ value: string }>('SELECT value FROM key_check WHERE id = 1'),
    claim: statement('INSERT INTO key_check (id, value) VALUES (1, ?) ON CONFLICT (id) DO NOTHING'),
    replace: statement(
      'INSERT INTO key_check (id, value) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
    ),
    sample: statement<AuthenticatorRow>('SELECT * FROM authenticators ORDER BY created_at DESC, id LIMIT ?'),
  };
  const get = () => sql.get.get()?.value ?? null;
  return {
    async getKeyCheck() {
      return get();
    },
    async claimKeyCheck(value) {
      sql.claim.run(value);
      const recorded = get();
      if (recorded === null) throw new Error('the key check was not recorded');
      return recorded;
    },
    async replaceKeyCheck(value) {
      sql.replace.run(value);
    },
    async newestAuthenticators(limit) {
      return sql.sample.all(limit).map(toAuthenticator);
    },
  };
}
