import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';
import { injectedScriptsNotWebAccessible } from './scripts/injected-scripts-not-web-accessible.ts';
import { plainDynamicImport } from './scripts/plain-dynamic-import.ts';
import { popupChunks } from './scripts/popup-chunks.ts';
import { preloadEntryImports } from './scripts/preload-entry-imports.ts';

export default defineConfig({
  publicDir: 'extension/public',
  plugins: [
    preact(),
    crx({
      manifest,
      // Injected on demand with executeScript: a standalone file, so its listener exists when
      // executeScript resolves (crxjs's default loader would import() it later).
      contentScripts: {
        standaloneFiles: ['extension/content/overlay.ts', 'extension/content/page-helpers-script.ts'],
      },
    }),
    // executeScript needs no web-accessible entry, and one would let any page detect the extension.
    injectedScriptsNotWebAccessible([
      'extension/content/overlay.js',
      'extension/content/page-helpers-script.js',
    ]),
    // The popup's interface loads while its vault opens (extension/popup/main.ts).
    preloadEntryImports('extension/popup/index.html'),
    // Dynamic imports carry no files to preload (below), so their wrapper only runs them.
    plainDynamicImport(),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // Readable stack traces for users' bug reports; no source maps shipped.
    sourcemap: false,
    // Chrome has modulepreload: the polyfill would be one more file to load before the popup's script.
    // A dynamic import() in our JavaScript gets no list of files to preload beside it: its files
    // come from the extension's own package (no network), and the lists cost the popup's first
    // file about 0.4 KB gzip (its 40 KB budget: bench/popup-bench.ts). Pages' entries keep theirs.
    modulePreload: {
      polyfill: false,
      resolveDependencies: (_file, deps, { hostType }) => (hostType === 'js' ? [] : deps),
    },
    rollupOptions: {
      // Pages the manifest does not name: the offscreen document that clears the clipboard.
      input: { offscreen: 'extension/offscreen/clipboard.html' },
      output: { codeSplitting: popupChunks },
    },
  },
});
