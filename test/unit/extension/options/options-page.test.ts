import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import manifest from '../../../../manifest.config';
import { LOCALES } from '../popup/chrome-i18n';

/** Every message key the options page uses: `t('key'` and the values of its key tables (import…, reason…, export…). */
function keysUsed(dir = 'extension/options'): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return keysUsed(path);
    if (!/\.tsx?$/.test(entry.name)) return [];
    const source = readFileSync(path, 'utf8');
    return [
      ...source.matchAll(/\bt\('([A-Za-z0-9_]+)'|: '((?:import|reason|export)[A-Z][A-Za-z0-9]*)'/g),
    ].map((m) => m[1] ?? m[2] ?? '');
  });
}

describe('the options page', () => {
  test('is the manifest’s options_ui page, opened in a tab', () => {
    expect((manifest as unknown as { options_ui: unknown }).options_ui).toEqual({
      page: 'extension/options/index.html',
      open_in_tab: true,
    });
  });

  test('uses only message keys that exist in nl and en', () => {
    const used = new Set(keysUsed());
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) {
      expect(Object.keys(LOCALES.nl), key).toContain(key);
      expect(Object.keys(LOCALES.en), key).toContain(key);
    }
  });
});
