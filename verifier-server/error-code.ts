/**
 * The `code` an error carries (Node's errno names, SQLite's SQLITE_*, PostgreSQL's SQLSTATE,
 * node:util's ERR_*), as a string; '' when it has none or is not an Error.
 */
export function errorCode(error: unknown): string {
  return error instanceof Error && 'code' in error && error.code != null ? String(error.code) : '';
}
