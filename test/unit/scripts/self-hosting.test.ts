import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXTENSION_ID, EXTENSION_KEY } from '../../../manifest.config';
import {
  extensionIdFromPrivateKey,
  extensionIdFromPublicKey,
  hostedUrls,
  selfHostedManifest,
  updateManifest,
} from '../../../scripts/self-hosting';

describe('npm run package:crx: the extension id', () => {
  it('is derived from the public key as Chrome does: the manifest key gives the development id', () => {
    expect(extensionIdFromPublicKey(Buffer.from(EXTENSION_KEY, 'base64'))).toBe(EXTENSION_ID);
  });

  it('of a private key (PEM) is the id of its public half, 32 letters a–p', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const id = extensionIdFromPrivateKey(pem);
    expect(id).toMatch(/^[a-p]{32}$/);
    expect(id).toBe(extensionIdFromPublicKey(publicKey.export({ type: 'spki', format: 'der' })));
  });
});

describe('npm run package:crx: the self-hosted files', () => {
  it('puts update.xml and the .crx in the base folder, with or without its trailing slash', () => {
    const expected = {
      updateUrl: 'https://intranet.example.nl/authenticator/update.xml',
      codebase: 'https://intranet.example.nl/authenticator/totp-authenticator-1.2.3.crx',
    };
    expect(hostedUrls('https://intranet.example.nl/authenticator/', '1.2.3')).toEqual(expected);
    expect(hostedUrls('https://intranet.example.nl/authenticator', '1.2.3')).toEqual(expected);
    expect(hostedUrls('file:///srv/extension/', '1.2.3').updateUrl).toBe('file:///srv/extension/update.xml');
  });

  it('refuses other schemes and a base URL with a query', () => {
    expect(() => hostedUrls('ftp://server/folder/', '1.0')).toThrow(/https/);
    expect(() => hostedUrls('https://server/folder/?x=1', '1.0')).toThrow(/query/);
  });

  it('adds update_url to the manifest (later updates use it) and never carries the development key', () => {
    const manifest = selfHostedManifest(
      { manifest_version: 3, version: '1.2.3', key: 'MIIB…', name: 'x' },
      'https://intranet.example.nl/authenticator/update.xml',
    );
    expect(manifest).toEqual({
      manifest_version: 3,
      version: '1.2.3',
      name: 'x',
      update_url: 'https://intranet.example.nl/authenticator/update.xml',
    });
  });
});

describe('npm run package:crx: update.xml', () => {
  const appId = 'abcdefghijklmnopabcdefghijklmnop';

  it('is a gupdate document naming the id, the .crx and its version', () => {
    expect(
      updateManifest({
        appId,
        codebase: 'https://intranet.example.nl/authenticator/totp-authenticator-1.2.3.crx',
        version: '1.2.3',
        minChromeVersion: '116',
      }),
    ).toBe(
      [
        "<?xml version='1.0' encoding='UTF-8'?>",
        "<gupdate xmlns='http://www.google.com/update2/response' protocol='2.0'>",
        "  <app appid='abcdefghijklmnopabcdefghijklmnop'>",
        "    <updatecheck codebase='https://intranet.example.nl/authenticator/totp-authenticator-1.2.3.crx' version='1.2.3' prodversionmin='116' />",
        '  </app>',
        '</gupdate>',
        '',
      ].join('\n'),
    );
  });

  it('escapes the codebase for an XML attribute', () => {
    const xml = updateManifest({ appId, codebase: "https://h/a.crx?x=1&y='2'", version: '1.0' });
    expect(xml).toContain("codebase='https://h/a.crx?x=1&amp;y=%272%27'");
    expect(xml).not.toContain('prodversionmin');
  });

  it('refuses an id or a version Chrome would not accept', () => {
    expect(() => updateManifest({ appId: 'ABC', codebase: 'https://h/a.crx', version: '1.0' })).toThrow(/id/);
    expect(() => updateManifest({ appId, codebase: 'https://h/a.crx', version: '1.0-beta' })).toThrow(
      /version/,
    );
  });
});
