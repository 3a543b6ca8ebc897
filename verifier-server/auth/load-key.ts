import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { assertPrivateDirectory, assertPrivateFile, ensurePrivateDirectory } from '../fs/private-file';

export class KeyConfigurationError extends Error {
  override name = 'KeyConfigurationError';
}

/** Accepts 32 bytes as base64, base64url or hex. */
export function parseKey(text: string, source: string): Uint8Array {
  const trimmed = text.trim();
  const isHex = /^[0-9a-fA-F]{64}$/.test(trimmed);
  // Node's base64 decoder skips stray characters; a key with any is refused rather than guessed at.
  if (!isHex && !/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) {
    throw new KeyConfigurationError(`${source} must hold a 32-byte key (base64 or hex)`);
  }
  const bytes = isHex ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (bytes.length !== 32)
    throw new KeyConfigurationError(`${source} must hold a 32-byte key (base64 or hex)`);
  return new Uint8Array(bytes);
}

/** The folder itself if it exists, else its nearest ancestor that does. */
function nearestExisting(folder: string): string {
  let dir = folder;
  while (!existsSync(dir) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

function fsyncFolder(dir: string): void {
  const handle = openSync(dir, 'r');
  try {
    fsyncSync(handle);
  } finally {
    closeSync(handle);
  }
}

/**
 * Reads the secrets key from a file that only its owner may read (mode 0600, owned by this
 * account; SECURITY #28), creating one with a fresh random key in a 0700 directory when it does
 * not exist yet. The key never goes into the database (SECURITY #11).
 */
export function loadOrCreateKeyFile(path: string): { key: Uint8Array; created: boolean } {
  if (!existsSync(path)) {
    const folder = dirname(path);
    const existing = nearestExisting(folder);
    ensurePrivateDirectory(folder);
    assertPrivateDirectory(folder, 'key file directory');
    const key = randomBytes(32);
    // On disk, with its directory entry, before anything is sealed with it: a crash right after
    // must not leave data that only a key lost with the page cache opens.
    const file = openSync(path, 'wx', 0o600);
    try {
      writeSync(file, `${key.toString('base64')}\n`);
      fsyncSync(file);
    } finally {
      closeSync(file);
    }
    // Each folder's entry too, up to the one that existed before (ensurePrivateDirectory may have
    // made several).
    for (let dir = folder; ; dir = dirname(dir)) {
      fsyncFolder(dir);
      if (dir === existing || dirname(dir) === dir) break;
    }
    return { key: new Uint8Array(key), created: true };
  }
  return { key: loadKeyFile(path), created: false };
}

/** Reads an existing key file (as loadOrCreateKeyFile does); a missing one is an error, never created. */
export function loadKeyFile(path: string): Uint8Array {
  if (!existsSync(path)) throw new KeyConfigurationError(`key file ${path} does not exist`);
  assertPrivateDirectory(dirname(path), 'key file directory');
  assertPrivateFile(path, 'key file');
  return parseKey(readFileSync(path, 'utf8'), `key file ${path}`);
}
