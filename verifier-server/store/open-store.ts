import type { VerifierConfig } from '../config';
import { createPostgresStore } from './postgres/create-postgres-store';
import { createSqliteStore } from './sqlite/create-sqlite-store';
import type { Store } from './store';

/**
 * The configured store: PostgreSQL when `config.postgres` is set (DATABASE_URL), else SQLite at
 * `config.databasePath`. Either is migrated before it is returned. `onError` hears about database
 * connections that failed while idle (PostgreSQL only).
 */
export function openStore(config: VerifierConfig, onError: (error: Error) => void): Promise<Store> {
  return config.postgres
    ? createPostgresStore(config.postgres, onError)
    : Promise.resolve(createSqliteStore(config.databasePath));
}
