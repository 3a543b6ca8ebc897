/**
 * `npm run package`: builds the extension for production and writes release/totp-authenticator-<version>.zip,
 * the file to upload to the Chrome Web Store and Edge Add-ons (docs/deployment.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { packageExtension } from './package-extension';

const root = resolve(import.meta.dirname, '..');
const outDir = join(root, 'dist');
await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
const packaged = packageExtension(outDir);
mkdirSync(join(root, 'release'), { recursive: true });
const target = join(root, 'release', packaged.name);
writeFileSync(target, packaged.zip);
process.stdout.write(
  `${target}: ${packaged.entries.length} files, ${(packaged.zip.length / 1024).toFixed(0)} KB\n`,
);
