import { closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { errorCode } from '../error-code';

/** A file with user data that others could read or that another account owns (SECURITY #28). */
export class FilePermissionError extends Error {
  override name = 'FilePermissionError';
}

/** Creates the directory (and its parents) with mode 0700 when it does not exist yet. */
export function ensurePrivateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates an empty file with mode 0600 unless it exists; true when it was created. */
export function createPrivateFile(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx', 0o600));
    return true;
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Refuses a file that group or others may read or write, or that another account owns: the
 * verifier starts only when its key and database are its own (like ssh with a private key).
 */
export function assertPrivateFile(path: string, what: string): void {
  const stat = statSync(path);
  if ((stat.mode & 0o077) !== 0) {
    throw new FilePermissionError(`${what} ${path} is readable by others; run: chmod 600 ${path}`);
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new FilePermissionError(
      `${what} ${path} belongs to another account (uid ${stat.uid}); run the verifier as that account or: chown ${uid} ${path}`,
    );
  }
}

/**
 * Refuses a directory that group or others may list, enter or write, or that another account
 * owns, as assertPrivateFile refuses a file: whoever may write in it can remove or replace the
 * key or the database, and whoever may list it sees which files are there. One made by
 * ensurePrivateDirectory is 0700; one that existed is checked, not changed, as the files are: the
 * message names the command, the administrator runs it.
 */
export function assertPrivateDirectory(dir: string, what: string): void {
  const stat = statSync(dir);
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0) {
    throw new FilePermissionError(
      `${what} ${dir} is open to other accounts (mode ${mode.toString(8).padStart(4, '0')}); run: chmod 700 ${dir}`,
    );
  }
  const uid = process.getuid?.();
  if (uid !== undefined && stat.uid !== uid) {
    throw new FilePermissionError(
      `${what} ${dir} belongs to another account (uid ${stat.uid}); run the verifier as that account or: chown ${uid} ${dir}`,
    );
  }
}

/** assertPrivateFile for each path that exists (SQLite's -wal and -shm come and go). */
export function assertPrivateFiles(paths: readonly string[], what: string): void {
  for (const path of paths) if (existsSync(path)) assertPrivateFile(path, what);
}
