import type { KeyCheckStore } from '../key-check-store';
import { type AuthenticatorRow, toAuthenticator } from '../store-rows';
import type { PostgresDb } from './postgres-db';

export function postgresKeyCheckStore(db: PostgresDb): KeyCheckStore {
  const get = async () =>
    (await db.query<{ value: string }>('SELECT value FROM key_check WHERE id = 1'))[0]?.value ?? null;
  return {
    getKeyCheck: get,
    async claimKeyCheck(value) {
      // Instances starting at once: the first insert wins, and every one reads the winner.
      await db.query('INSERT INTO key_check (id, value) VALUES (1, $1) ON CONFLICT (id) DO NOTHING', [value]);
      const recorded = await get();
      if (recorded === null) throw new Error('the key check was not recorded');
      return recorded;
    },
    async replaceKeyCheck(value) {
      await db.query(
        'INSERT INTO key_check (id, value) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET value = excluded.value',
        [value],
      );
    },
    async newestAuthenticators(limit) {
      const rows = await db.query<AuthenticatorRow>(
        'SELECT * FROM authenticators ORDER BY created_at DESC, id LIMIT $1',
        [limit],
      );
      return rows.map(toAuthenticator);
    },
  };
}
