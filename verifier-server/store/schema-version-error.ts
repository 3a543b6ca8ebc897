/** The database was written by a newer verifier: refused before anything is changed (CONVENTIONS 6). */
export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}
