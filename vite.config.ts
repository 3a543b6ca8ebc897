import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';
import { injectedScriptsNotWebAccessible } from './scripts/injected-scripts-not-web-accessible.ts';

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
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // Readable stack traces for users' bug reports; no source maps shipped.
    sourcemap: false,
    // Pages the manifest does not name: the offscreen document that clears the clipboard.
    rollupOptions: { input: { offscreen: 'extension/offscreen/clipboard.html' } },
  },
});
