import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import manifest from '../../../manifest.config';

type Json = Record<string, unknown>;
const m = manifest as unknown as Json;
const messages = (locale: string) =>
  JSON.parse(readFileSync(`extension/public/_locales/${locale}/messages.json`, 'utf8')) as Json;

describe('the manifest (SECURITY #25: least privilege)', () => {
  test('asks for activeTab, scripting, storage, idle, alarms, offscreen and contextMenus only: no host permissions, no declared content scripts', () => {
    expect(m.manifest_version).toBe(3);
    // activeTab + scripting: the scan, the fill and the clock check in the clicked tab; storage:
    // settings and the session; idle: the auto-lock; alarms: an auto-lock above chrome.idle's
    // 4 hours, and reading the settings again once a policy had time to arrive; offscreen:
    // clearing the clipboard after the popup closed; contextMenus: "QR-code scannen" on images.
    // None carries an install warning (docs/deployment.md lists each); no tabs.
    expect([...(m.permissions as string[])].sort()).toEqual([
      'activeTab',
      'alarms',
      'contextMenus',
      'idle',
      'offscreen',
      'scripting',
      'storage',
    ]);
    // The clipboard permissions carry an install warning: optional, asked for when clearing is on.
    expect(m.optional_permissions).toEqual(['clipboardRead', 'clipboardWrite']);
    expect(m.host_permissions).toBeUndefined();
    expect(m.optional_host_permissions).toBeUndefined();
    expect(m.content_scripts).toBeUndefined();
    expect(m.externally_connectable).toBeUndefined();
    expect(JSON.stringify(m)).not.toMatch(/<all_urls>|\*:\/\//);
  });

  test('extension pages have a strict CSP: own scripts and WebAssembly only, no eval, no remote code', () => {
    const csp = (m.content_security_policy as Json).extension_pages as string;
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    // argon2id (hash-wasm) compiles WebAssembly: 'wasm-unsafe-eval' allows that and nothing else.
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(csp.replaceAll("'wasm-unsafe-eval'", '')).not.toMatch(
      /unsafe-eval|unsafe-inline|https?:|\*|blob:/,
    );
    expect(csp).not.toMatch(/(^|[\s;])'unsafe-eval'/);
  });

  test('has an icon in every size Chrome asks for (16, 32, 48, 128), each a PNG of that size', () => {
    for (const icons of [m.icons, (m.action as Json).default_icon] as Json[]) {
      expect(Object.keys(icons).sort((a, b) => Number(a) - Number(b))).toEqual(['16', '32', '48', '128']);
      for (const [size, path] of Object.entries(icons)) {
        const png = readFileSync(path as string);
        expect(png.subarray(1, 4).toString('latin1'), path as string).toBe('PNG');
        // The IHDR chunk: width and height, big-endian, at bytes 16 and 20.
        expect([png.readUInt32BE(16), png.readUInt32BE(20)], path as string).toEqual([
          Number(size),
          Number(size),
        ]);
      }
    }
  });

  test('offers a keyboard command to scan, named in both languages', () => {
    const command = (m.commands as Json)['scan-qr'] as Json;
    expect((command.suggested_key as Json).default).toBe('Alt+Shift+S');
    expect(command.description).toBe('__MSG_scanCommand__');
  });

  test('is Dutch by default and every __MSG_ key exists in nl and en', () => {
    expect(m.default_locale).toBe('nl');
    const keys = [...JSON.stringify(m).matchAll(/__MSG_(\w+)__/g)].map((x) => x[1] as string);
    expect(keys.length).toBeGreaterThan(2);
    for (const locale of ['nl', 'en'])
      for (const key of keys) expect(messages(locale), `${locale}: ${key}`).toHaveProperty(key);
  });
});
