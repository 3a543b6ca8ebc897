import type { VerifierConfig } from '../config';
import { CopyRefusedError } from '../store/copy/copy-refused-error';
import { copySqliteToPostgres } from '../store/copy/copy-sqlite-to-postgres';
import { isDatabaseUnavailable } from '../store/database-unavailable';
import type { CliIo } from './run-cli';
import { terminalLines } from './terminal-safe';

const write = (stream: NodeJS.WritableStream, text: string) => stream.write(`${terminalLines(text)}\n`);

/**
 * `copy-to-postgres`: VERIFIER_DB (SQLite) into DATABASE_URL (PostgreSQL), which must be empty.
 * Returns the exit code: 0 copied, 2 a usage error, 1 refused (nothing copied). The database URL
 * is never printed: it may hold a password.
 */
export async function copyToPostgresCommand(
  args: readonly string[],
  config: VerifierConfig,
  io: CliIo,
): Promise<number> {
  if (args.length > 0) {
    write(io.err, `Error: copy-to-postgres takes no arguments (it reads VERIFIER_DB and DATABASE_URL)`);
    return 2;
  }
  if (!config.postgres) {
    write(
      io.err,
      'Error: set DATABASE_URL to the PostgreSQL database to copy into; VERIFIER_DB names the SQLite file to copy (default .data/verifier.db)',
    );
    return 2;
  }
  try {
    const result = await copySqliteToPostgres({
      sqlitePath: config.databasePath,
      postgres: config.postgres,
      secretKey: config.secretKey,
      onError: (err) => write(io.err, `database connection failed: ${err.message}`),
    });
    write(io.out, `Copied ${config.databasePath} into PostgreSQL (DATABASE_URL):`);
    for (const [table, rows] of result.rows) write(io.out, `  ${table.padEnd(20)} ${rows}`);
    write(
      io.out,
      result.sealedChecked > 0
        ? `All ${result.sealedChecked} sealed values (TOTP secrets, outbox messages) open with this configuration's key.`
        : 'There were no TOTP secrets or outbox messages to check the key against.',
    );
    if (!result.sourceLocked)
      write(
        io.out,
        `Note: ${config.databasePath} is write-protected, so it was read without locking it: the copy could not tell whether a verifier still runs on it. Make sure none does.`,
      );
    write(
      io.out,
      `Start every verifier instance with this DATABASE_URL and the key this command used (the same VERIFIER_KEY or VERIFIER_KEY_FILE). ${config.databasePath} was not changed (its data; SQLite folds its WAL into it on close); once the verifier runs on PostgreSQL, keep it as a backup or remove it.`,
    );
    return 0;
  } catch (error) {
    write(io.err, failure(error, config.databasePath));
    return 1;
  }
}

/**
 * What went wrong, for the operator. The copy is one transaction, so nothing was copied, unless
 * the connection failed during its commit: then running it again tells (it refuses a database
 * that holds the copy). Causes are shown by their message only: pg's never holds the password.
 */
function failure(error: unknown, sqlitePath: string): string {
  if (error instanceof CopyRefusedError) {
    const hint =
      error.reason === 'key'
        ? `\nThey were sealed with the SQLite database's key: by default ${sqlitePath}.key, while with DATABASE_URL the verifier reads .data/verifier.key unless VERIFIER_KEY_FILE or VERIFIER_KEY says otherwise. Run this command, and later the verifier on PostgreSQL, with VERIFIER_KEY_FILE=${sqlitePath}.key (or the same VERIFIER_KEY).`
        : '';
    return `Error: ${error.message}. Nothing was copied.${hint}`;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (isDatabaseUnavailable(error)) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return `Error: PostgreSQL could not be reached or stopped answering${cause}. The copy did not complete; run it again once PostgreSQL answers (it refuses a database that already holds the copy).`;
  }
  return `Error: ${message}. Nothing was copied.`;
}
