import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  KeyConfigurationError,
  loadKeyFile,
  loadOrCreateKeyFile,
  parseKey,
} from '../../../../verifier-server/auth/load-key';
import { FilePermissionError } from '../../../../verifier-server/fs/private-file';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'verifier-key-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateKeyFile (SECURITY #11, #28)', () => {
  test('creates a 0600 file in a 0700 directory holding a fresh 32-byte key, and reads the same key back', () => {
    const path = join(dir, 'nested', 'verifier.key');
    const made = loadOrCreateKeyFile(path);
    expect(made.created).toBe(true);
    expect(made.key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'nested')).mode & 0o777).toBe(0o700);
    expect(Buffer.from(readFileSync(path, 'utf8').trim(), 'base64')).toEqual(Buffer.from(made.key));

    const again = loadOrCreateKeyFile(path);
    expect(again.created).toBe(false);
    expect(again.key).toEqual(made.key);
    expect(loadOrCreateKeyFile(join(dir, 'other.key')).key).not.toEqual(made.key);
  });

  test.each([
    [0, 0o644],
    [1, 0o640],
    [2, 0o604],
    [3, 0o660],
    [4, 0o666],
  ])('case %i: a file with mode %o is refused with "chmod 600"', (_i, mode) => {
    const path = join(dir, 'verifier.key');
    writeFileSync(path, randomBytes(32).toString('base64'));
    chmodSync(path, mode);
    expect(() => loadOrCreateKeyFile(path)).toThrow(FilePermissionError);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/chmod 600/);
  });

  // Only root can give a file away; elsewhere this case cannot be set up.
  test.runIf(process.getuid?.() === 0)('a 0600 file owned by another account is refused', () => {
    const path = join(dir, 'verifier.key');
    writeFileSync(path, randomBytes(32).toString('base64'), { mode: 0o600 });
    chownSync(path, 12345, 12345);
    expect(() => loadOrCreateKeyFile(path)).toThrow(FilePermissionError);
    expect(() => loadOrCreateKeyFile(path)).toThrow(/belongs to another account/);
  });

  test.each([
    [0, 0o755],
    [1, 0o750],
    [2, 0o701],
  ])(
    'case %i: a key file in a directory with mode %o is refused with "chmod 700", naming the path and not the key',
    (_i, mode) => {
      const folder = join(dir, 'keys');
      const path = join(folder, 'verifier.key');
      const { key } = loadOrCreateKeyFile(path);
      chmodSync(folder, mode);
      const expected = `key file directory ${folder} is open to other accounts (mode 0${mode.toString(8)}); run: chmod 700 ${folder}`;
      expect(() => loadOrCreateKeyFile(path)).toThrow(FilePermissionError);
      expect(() => loadOrCreateKeyFile(path)).toThrow(expected);
      expect(() => loadKeyFile(path)).toThrow(expected);
      try {
        loadOrCreateKeyFile(path);
      } catch (error) {
        const message = String(error);
        for (const form of ['base64', 'hex', 'base64url'] as const)
          expect(message).not.toContain(Buffer.from(key).toString(form));
      }
      // No new key is made in such a directory either.
      const fresh = join(folder, 'new.key');
      expect(() => loadOrCreateKeyFile(fresh)).toThrow(expected);
      expect(existsSync(fresh)).toBe(false);
    },
  );

  test.runIf(process.getuid?.() === 0)(
    'a key file in a directory owned by another account is refused',
    () => {
      const folder = join(dir, 'keys');
      const path = join(folder, 'verifier.key');
      loadOrCreateKeyFile(path);
      chownSync(folder, 12345, 12345);
      expect(() => loadOrCreateKeyFile(path)).toThrow(
        `key file directory ${folder} belongs to another account`,
      );
    },
  );

  test.each([
    [0, 0o600],
    [1, 0o400],
  ])('case %i: a file with mode %o is accepted', (_i, mode) => {
    const path = join(dir, 'verifier.key');
    const key = randomBytes(32);
    writeFileSync(path, `${key.toString('hex')}\n`);
    chmodSync(path, mode);
    expect(loadOrCreateKeyFile(path)).toEqual({ key: new Uint8Array(key), created: false });
  });

  test('a 0600 file with a wrong-length key is refused', () => {
    const path = join(dir, 'verifier.key');
    writeFileSync(path, randomBytes(16).toString('base64'), { mode: 0o600 });
    expect(() => loadOrCreateKeyFile(path)).toThrow(KeyConfigurationError);
  });
});

describe('parseKey', () => {
  const key = randomBytes(32);
  test.each([
    [0, 'base64', key.toString('base64')],
    [1, 'base64 without padding', key.toString('base64').replace(/=+$/, '')],
    [2, 'base64url', key.toString('base64url')],
    [3, 'hex', key.toString('hex')],
    [4, 'upper-case hex', key.toString('hex').toUpperCase()],
    [5, 'base64 with a trailing newline', `${key.toString('base64')}\n`],
    [6, 'hex with surrounding spaces', `  ${key.toString('hex')}  `],
  ])('case %i: accepts %s', (_i, _what, text) => {
    expect(parseKey(text, 'VERIFIER_KEY')).toEqual(new Uint8Array(key));
  });

  test.each([
    [0, 'empty', ''],
    [1, '31 bytes base64', randomBytes(31).toString('base64')],
    [2, '33 bytes base64', randomBytes(33).toString('base64')],
    [3, '16 bytes hex', randomBytes(16).toString('hex')],
    [4, '31 bytes hex', randomBytes(31).toString('hex')],
    [5, '33 bytes hex', randomBytes(33).toString('hex')],
    [6, '64 characters with one non-hex', `${key.toString('hex').slice(0, 63)}g`],
    [7, 'a passphrase', 'correct horse battery staple'],
  ])('case %i: refuses %s', (_i, _what, text) => {
    expect(() => parseKey(text, 'VERIFIER_KEY')).toThrow(KeyConfigurationError);
    expect(() => parseKey(text, 'VERIFIER_KEY')).toThrow(/VERIFIER_KEY must hold a 32-byte key/);
  });
});
