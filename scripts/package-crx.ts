/**
 * `npm run package:crx -- --key <private key .pem> --base-url <folder URL>`: the self-hosted package
 * (docs/deployment.md, "Path B"). Builds the extension for production, packs it as a signed .crx
 * with Chromium (`--pack-extension`, `--pack-extension-key`) and writes, in release/:
 *   totp-authenticator-<version>.crx   the package, its manifest's update_url = <base-url>update.xml
 *   update.xml                         the update manifest Chrome reads at that URL
 * Serve both from <base-url>. The key fixes the extension id: keep it, and pack every later version
 * with the same key. Chromium: $CHROMIUM, else /usr/bin/chromium (Debian: apt-get install chromium).
 */
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { unzipSync } from 'fflate';
import { build } from 'vite';
import { packageExtension } from './package-extension';
import { extensionIdFromPrivateKey, hostedUrls, selfHostedManifest, updateManifest } from './self-hosting';

const { values } = parseArgs({
  options: { key: { type: 'string' }, 'base-url': { type: 'string' } },
  strict: true,
});
if (values.key === undefined || values['base-url'] === undefined) {
  process.stderr.write(
    'usage: npm run package:crx -- --key <private key .pem> --base-url <https://server/folder/>\n' +
      '  (a new key: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out ~/practice-extension.pem: outside the repository)\n',
  );
  process.exit(2);
}
const keyPath = resolve(values.key);
const root = resolve(import.meta.dirname, '..');
// The key signs every package Chrome accepts as this extension: never inside the repository, where
// a `git add -A` or a pushed fork would publish it.
if (!relative(root, keyPath).startsWith('..')) {
  process.stderr.write(
    `package:crx: the key ${keyPath} lies inside the repository. Keep it outside (e.g. ~/practice-extension.pem) and pass that path.\n`,
  );
  process.exit(2);
}
if (values['base-url'].startsWith('http:'))
  process.stderr.write(
    'package:crx: warning: an http: base URL lets anyone on the network path hold back updates (the signature still protects the content); prefer https:.\n',
  );
const appId = extensionIdFromPrivateKey(readFileSync(keyPath, 'utf8'));
const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';

await build({ root, configFile: join(root, 'vite.config.ts'), mode: 'production', logLevel: 'warn' });
const packaged = packageExtension(join(root, 'dist'));
const { updateUrl, codebase } = hostedUrls(values['base-url'], packaged.version);

// The store package's files (no source maps, no development key), with update_url added.
const work = mkdtempSync(join(tmpdir(), 'authenticator-crx-'));
try {
  const source = join(work, `totp-authenticator-${packaged.version}`);
  for (const [name, bytes] of Object.entries(unzipSync(packaged.zip))) {
    const file = join(source, name);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, bytes);
  }
  const manifest = JSON.parse(readFileSync(join(source, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(
    join(source, 'manifest.json'),
    `${JSON.stringify(selfHostedManifest(manifest, updateUrl), null, 2)}\n`,
  );

  // Chromium writes <source>.crx beside the folder. As root it starts only without its sandbox
  // (packing loads no web content).
  const sandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const packed = spawnSync(
    chromium,
    [
      ...sandbox,
      // A profile of its own: a Chromium already open on the default profile would take the command.
      `--user-data-dir=${join(work, 'profile')}`,
      `--pack-extension=${source}`,
      `--pack-extension-key=${keyPath}`,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const crx = `${source}.crx`;
  if (packed.status !== 0 || !existsSync(crx)) {
    throw new Error(`${chromium} --pack-extension failed (${packed.status}): ${packed.stderr}`);
  }
  // A CRX3 file names its id in its signed header: check that it is the key's.
  const bytes = readFileSync(crx);
  const idBytes = Buffer.from(
    [...appId].map((letter) => (letter.charCodeAt(0) - 97).toString(16)).join(''),
    'hex',
  );
  if (bytes.subarray(0, 4).toString('latin1') !== 'Cr24' || bytes.indexOf(idBytes) < 0) {
    throw new Error(`${crx} is not a CRX3 package signed for ${appId}`);
  }

  const release = join(root, 'release');
  mkdirSync(release, { recursive: true });
  const target = join(release, `totp-authenticator-${packaged.version}.crx`);
  copyFileSync(crx, target);
  chmodSync(target, 0o644); // Chromium writes it 0600: a web server running as another user must read it.
  const minChromeVersion =
    typeof manifest.minimum_chrome_version === 'string' ? manifest.minimum_chrome_version : undefined;
  writeFileSync(
    join(release, 'update.xml'),
    updateManifest({ appId, codebase, version: packaged.version, minChromeVersion }),
  );
  process.stdout.write(
    `${target}\n${join(release, 'update.xml')}\n` +
      `extension id: ${appId}\n` +
      `serve both at ${new URL('.', updateUrl).href}; force-install with: ${appId};${updateUrl}\n`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
