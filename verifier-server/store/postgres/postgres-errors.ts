import { errorCode } from '../../error-code';
import { DatabaseUnavailableError } from '../database-unavailable';

/**
 * SQLSTATE classes and codes that mean "the database cannot answer now", not "this request is
 * wrong": connection exceptions (08), operator intervention (57: shutdown, restart, a statement
 * cancelled by statement_timeout), too many connections, and the transient conflicts a retry
 * resolves (serialization failure, deadlock).
 */
const TRANSIENT_SQLSTATE = /^(08...|57P0[1-4]|57014|53300|40001|40P01)$/;

/** Socket failures, and the errors pg and pg-pool raise by message only. */
const TRANSIENT_CODE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);
const TRANSIENT_MESSAGE =
  /^(timeout exceeded when trying to connect|Connection terminated|Query read timeout|Client has encountered a connection error|Client was closed|Connection timeout)/;

function isTransient(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = errorCode(error);
  return TRANSIENT_SQLSTATE.test(code) || TRANSIENT_CODE.has(code) || TRANSIENT_MESSAGE.test(error.message);
}

/** Rethrows a transient failure as DatabaseUnavailableError (503), anything else as it is (500). */
export function rethrowPostgresError(error: unknown): never {
  if (isTransient(error)) throw new DatabaseUnavailableError('the database is unavailable', { cause: error });
  throw error;
}
