import type { Logger } from 'pino';
import { CheckpointerError } from './sqlite/checkpointer-error';

/**
 * What openStore's `onError` hears, in the log: a database connection that failed while idle (or
 * a SQLite thread that stopped), or the SQLite checkpointer failing; requests are not affected
 * by either until they fail themselves (then they answer 503).
 */
export function logDatabaseError(log: Pick<Logger, 'warn'>, err: Error): void {
  if (err instanceof CheckpointerError)
    log.warn({ event: 'database.checkpoint-failed', err }, 'the SQLite checkpointer failed');
  else log.warn({ event: 'database.connection-failed', err }, 'a database connection failed');
}
