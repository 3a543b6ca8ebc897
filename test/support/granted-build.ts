import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST } from './extension-browser';

export interface GrantedBuild {
  readonly dir: string;
  remove(): void;
}

/**
 * A copy of the built extension whose optional permissions are granted, as after the user's click
 * on "Toestemming geven": headless Chromium cannot answer the permission prompt, so the copy
 * declares them as required instead. Everything else, the key and so the id included, is the same
 * build byte for byte.
 */
export function grantedBuild(): GrantedBuild {
  const dir = mkdtempSync(join(tmpdir(), 'authenticator-granted-'));
  cpSync(DIST, dir, { recursive: true });
  const path = join(dir, 'manifest.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as {
    permissions: string[];
    optional_permissions?: string[];
  };
  manifest.permissions = [...manifest.permissions, ...(manifest.optional_permissions ?? [])];
  delete manifest.optional_permissions;
  writeFileSync(path, JSON.stringify(manifest));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
