import { errorCode } from '../error-code';

/**
 * The database cannot answer right now: a PostgreSQL connection that failed or was cut, a server
 * restarting, a full pool past its wait, a statement past its timeout, or SQLite still locked by
 * another process after its busy timeout. Nothing was decided; the request failed closed and may
 * be retried (the error handler answers 503 with Retry-After).
 */
export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** True for DatabaseUnavailableError and for SQLite's busy and locked errors (SQLITE_BUSY_*, SQLITE_LOCKED_*). */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  return /^SQLITE_(BUSY|LOCKED)/.test(errorCode(error));
}
