/**
 * The store package: a zip of the production build for the Chrome Web Store and Edge Add-ons.
 * Only what the extension runs: no source maps, no dotfiles, no benchmark pages, and no manifest
 * `key` (it only pins the unpacked extension's id for development; the stores refuse it).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';

/** Files that never go into the package. */
const EXCLUDED = [/\.map$/, /(^|\/)\./, /^bench\//, /\.(ts|tsx)$/, /(^|\/)\.vite\//];

function files(dir: string, root = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const rel = relative(root, path).split(sep).join('/');
    if (EXCLUDED.some((pattern) => pattern.test(rel))) return [];
    return statSync(path).isDirectory() ? files(path, root) : [rel];
  });
}

export interface Packaged {
  readonly version: string;
  readonly name: string;
  readonly zip: Uint8Array;
  readonly entries: readonly string[];
}

/** Zips `distDir` (a `vite build` output) as `totp-authenticator-<version>.zip`. */
export function packageExtension(distDir: string): Packaged {
  const manifest = JSON.parse(readFileSync(join(distDir, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const version = manifest.version;
  if (typeof version !== 'string' || !/^\d+(\.\d+){0,3}$/.test(version)) {
    throw new Error(`manifest.json has no valid version: ${String(version)}`);
  }
  const { key: _devKey, ...storeManifest } = manifest;
  const entries = files(distDir).sort();
  const contents: Record<string, Uint8Array> = {};
  for (const entry of entries) {
    contents[entry] =
      entry === 'manifest.json'
        ? new TextEncoder().encode(`${JSON.stringify(storeManifest, null, 2)}\n`)
        : readFileSync(join(distDir, entry));
  }
  // A fixed time stamp: the same build gives the same zip.
  const zip = zipSync(contents, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') });
  return { version, name: `totp-authenticator-${version}.zip`, zip, entries };
}
