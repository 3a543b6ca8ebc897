import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pkg from '../../../package.json' with { type: 'json' };
import { packageExtension } from '../../../scripts/package-extension';

let dist: string;

/** A build output as vite writes it, with the things a store package must not carry. */
function write(path: string, text: string) {
  const file = join(dist, path);
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, text);
}

beforeEach(() => {
  dist = mkdtempSync(join(tmpdir(), 'package-test-'));
  write(
    'manifest.json',
    JSON.stringify({ manifest_version: 3, version: pkg.version, key: 'MIIB…', name: 'x' }),
  );
  write('assets/popup.js', 'console.log(1)');
  write('assets/popup.js.map', '{}');
  write('managed-schema.json', '{}');
  write('_locales/nl/messages.json', '{}');
  write('.vite/manifest.json', '{}');
  write('.DS_Store', '');
  write('bench/popup-seed/seed.html', '<html>');
  write('extension/background/index.ts', 'export {}');
});

afterEach(() => rmSync(dist, { recursive: true, force: true }));

describe('npm run package', () => {
  it('zips the build as totp-authenticator-<version>.zip with the manifest at its root, version as in package.json', () => {
    const packaged = packageExtension(dist);
    expect(packaged.name).toBe(`totp-authenticator-${pkg.version}.zip`);
    const entries = unzipSync(packaged.zip);
    const manifest = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<
      string,
      unknown
    >;
    expect(manifest.version).toBe(pkg.version);
    expect(Object.keys(entries).sort()).toEqual([
      '_locales/nl/messages.json',
      'assets/popup.js',
      'managed-schema.json',
      'manifest.json',
    ]);
  });

  it('leaves out source maps, sources, dotfiles, benchmark pages and the development key (the stores refuse a key)', () => {
    const entries = unzipSync(packageExtension(dist).zip);
    const names = Object.keys(entries);
    expect(names.filter((n) => /\.map$|\.tsx?$|(^|\/)\.|^bench\//.test(n))).toEqual([]);
    expect(JSON.parse(new TextDecoder().decode(entries['manifest.json']))).not.toHaveProperty('key');
  });

  it('refuses a build without a valid version', () => {
    write('manifest.json', JSON.stringify({ manifest_version: 3, version: 'latest' }));
    expect(() => packageExtension(dist)).toThrow(/version/);
  });
});
