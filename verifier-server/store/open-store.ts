import type { VerifierConfig } from '../config';
import { createPostgresStore } from './postgres/create-postgres-store';
import { createSqliteStore } from './sqlite/create-sqlite-store';
import { createThreadedSqliteStore } from './sqlite/sqlite-thread-store';
import type { Store } from './store';

/**
 * The configured store: PostgreSQL when `config.postgres` is set (DATABASE_URL), else SQLite at
 * `config.databasePath`. Either is migrated before it is returned. `onError` hears about database
 * connections that failed while idle, or a SQLite thread that stopped. With `sqliteThreadKey` (the
 * key TOTP secrets are sealed with) SQLite runs in a thread of its own; the server's app does that.
 */
export function openStore(
  config: VerifierConfig,
  onError: (error: Error) => void,
  options: { readonly sqliteThreadKey?: Uint8Array } = {},
): Promise<Store> {
  if (config.postgres) return createPostgresStore(config.postgres, onError);
  return options.sqliteThreadKey
    ? createThreadedSqliteStore(config.databasePath, options.sqliteThreadKey, onError)
    : Promise.resolve(createSqliteStore(config.databasePath));
}
