import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainDynamicImport } from '../../../scripts/plain-dynamic-import';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'plain-import-'));
  writeFileSync(join(dir, 'index.html'), '<script type="module" src="./main.js"></script>');
  writeFileSync(
    join(dir, 'main.js'),
    "export const load = () => import('./lazy.js').then((m) => m.value);\nglobalThis.loadLazy = load;\n",
  );
  writeFileSync(join(dir, 'lazy.js'), "export const value = 'lazy';\n");
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Builds the fixture as vite.config.ts builds the extension (no lists beside dynamic imports). */
function buildFixture() {
  return build({
    root: dir,
    logLevel: 'silent',
    plugins: [plainDynamicImport()],
    build: {
      outDir: join(dir, 'dist'),
      minify: false,
      modulePreload: {
        polyfill: false,
        resolveDependencies: (_file, deps, { hostType }) => (hostType === 'js' ? [] : deps),
      },
    },
  });
}

function builtJs(): string {
  const assets = join(dir, 'dist', 'assets');
  return readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => readFileSync(join(assets, f), 'utf8'))
    .join('\n');
}

describe('plainDynamicImport', () => {
  it("drops vite's preload helper, which touches document and window (absent in the worker)", async () => {
    await buildFixture();
    const js = builtJs();
    expect(js).toContain('import(');
    expect(js).not.toContain('vite:preloadError');
    expect(js).not.toContain('modulepreload');
    expect(js).not.toContain('document');
  });

  it('fails the build when a dynamic import would need a file preloaded beside it', async () => {
    writeFileSync(join(dir, 'lazy.css'), '.x { color: red }\n');
    writeFileSync(join(dir, 'lazy.js'), "import './lazy.css';\nexport const value = 'lazy';\n");
    await expect(buildFixture()).rejects.toThrow(/lists files to preload/);
  });
});
