/**
 * Self-hosting the extension outside the Chrome Web Store (docs/deployment.md, "Path B"): the
 * extension id a signing key gives, the manifest of the self-hosted package and the update
 * manifest (gupdate XML) Chrome fetches from the practice's server. Pure: `npm run package:crx`
 * (scripts/package-crx.ts) does the building, the packing and the writing.
 */
import { createHash, createPublicKey } from 'node:crypto';

/** A Chrome extension id: the first 128 bits of SHA-256 of the public key (DER), hex digits 0–f written a–p. */
export function extensionIdFromPublicKey(spkiDer: Uint8Array): string {
  const hex = createHash('sha256').update(spkiDer).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + Number.parseInt(digit, 16))).join('');
}

/** The id of the extension packed with this private key (a PEM file, as Chrome's "Pack extension" writes). */
export function extensionIdFromPrivateKey(pem: string): string {
  const spki = createPublicKey(pem).export({ type: 'spki', format: 'der' });
  return extensionIdFromPublicKey(spki);
}

/** Where the self-hosted files live under `baseUrl` (a folder on the practice's web server or file share). */
export function hostedUrls(baseUrl: string, version: string): { updateUrl: string; codebase: string } {
  const url = new URL(baseUrl);
  if (!['https:', 'http:', 'file:'].includes(url.protocol)) {
    throw new Error(`the base URL must be https://, http:// or file://: ${baseUrl}`);
  }
  if (url.search !== '' || url.hash !== '')
    throw new Error(`the base URL takes no query or fragment: ${baseUrl}`);
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return {
    updateUrl: new URL('update.xml', url).href,
    codebase: new URL(`totp-authenticator-${version}.crx`, url).href,
  };
}

/**
 * The manifest of the self-hosted package: the store manifest plus `update_url`, which Chrome uses
 * for every update after the first install (the update URL in a force-install policy is used only
 * for the first install).
 */
export function selfHostedManifest(
  storeManifest: Record<string, unknown>,
  updateUrl: string,
): Record<string, unknown> {
  const { key: _devKey, update_url: _ignored, ...rest } = storeManifest;
  return { ...rest, update_url: updateUrl };
}

function xmlAttribute(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll("'", '&apos;')
    .replaceAll('"', '&quot;');
}

export interface UpdateManifestEntry {
  /** The extension id (32 letters a–p). */
  readonly appId: string;
  /** The URL of the .crx file. */
  readonly codebase: string;
  /** The version inside that .crx (manifest.json's `version`). */
  readonly version: string;
  /** Chrome versions below this one are not offered the package (manifest.json's `minimum_chrome_version`). */
  readonly minChromeVersion?: string;
}

/** The update manifest (protocol 2.0 "gupdate" XML) that the update URL serves. */
export function updateManifest(entry: UpdateManifestEntry): string {
  if (!/^[a-p]{32}$/.test(entry.appId)) throw new Error(`not an extension id: ${entry.appId}`);
  if (!/^\d+(\.\d+){0,3}$/.test(entry.version)) throw new Error(`not an extension version: ${entry.version}`);
  const codebase = new URL(entry.codebase).href;
  const min =
    entry.minChromeVersion === undefined ? '' : ` prodversionmin='${xmlAttribute(entry.minChromeVersion)}'`;
  return [
    "<?xml version='1.0' encoding='UTF-8'?>",
    "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
    `  <app appid='${entry.appId}'>`,
    `    <updatecheck codebase='${xmlAttribute(codebase)}' version='${entry.version}'${min} />`,
    '  </app>',
    '</gupdate>',
    '',
  ].join('\n');
}
