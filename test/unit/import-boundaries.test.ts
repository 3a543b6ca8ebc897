import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, test } from 'vitest';

/** Who may import whom (README.md, "Architecture"); the per-area tsconfigs enforce the rest. */
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [
    ...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(?\s*['"]([^'"]+)['"]/g),
  ];
  return specifiers.map((m) => {
    const spec = (m[1] ?? m[2]) as string;
    return spec.startsWith('.') ? relative(process.cwd(), resolve(file, '..', spec)) : spec;
  });
}

const area = (dir: string) =>
  sources(dir).map((file) => ({ file, imports: importsOf(file), text: readFileSync(file, 'utf8') }));

describe('import boundaries', () => {
  test('shared/ imports only packages (it runs in a worker, a page and Node)', () => {
    for (const { file, imports } of area('shared')) {
      for (const spec of imports) {
        const ok =
          spec.startsWith('shared/') || !/^(node:|extension|verifier-server|test)\b|^\.\.?\//.test(spec);
        expect(ok, `${file}: ${spec}`).toBe(true);
      }
    }
  });

  test('the extension and the verifier never import each other, nor test/', () => {
    for (const { file, imports } of area('extension'))
      for (const spec of imports) expect(spec, file).not.toMatch(/^(verifier-server|test)\b/);
    for (const { file, imports } of area('verifier-server'))
      for (const spec of imports) expect(spec, file).not.toMatch(/^(extension|test)\b/);
  });

  test('vault/, otp/, capture/, import/ and backup/ never touch chrome.* or browser.* (they are unit-tested in Node)', () => {
    for (const dir of [
      'extension/vault',
      'extension/otp',
      'extension/capture',
      'extension/import',
      'extension/backup',
    ]) {
      for (const { file, text } of area(dir)) expect(text, file).not.toMatch(/\bchrome\.|\bbrowser\.[a-z]/);
    }
  });

  test('the content script reaches the extension only through messages: no vault, otp or secrets', () => {
    for (const { file, imports } of area('extension/content')) {
      for (const spec of imports)
        expect(spec, file).not.toMatch(/^extension\/(vault|otp|background|popup|last-scan)/);
    }
  });

  test('secrets are read and written only by the vault: nothing else opens IndexedDB but the activity log', () => {
    for (const { file, text } of area('extension')) {
      if (file.startsWith('extension/vault/') || file.startsWith('extension/activity/')) continue;
      expect(text, file).not.toMatch(/indexedDB\.open|from 'idb'/);
    }
  });

  test('the activity log holds no secret: it imports nothing that has one (the vault, accounts, backups)', () => {
    for (const { file, imports } of area('extension/activity')) {
      // importsOf also catches the word import before a quote in the event types ('import'): not a module.
      for (const spec of imports.filter((s) => /^[\w@./-]+$/.test(s)))
        expect(spec, file).toMatch(/^(extension\/activity\/|idb$)/);
    }
  });
});
