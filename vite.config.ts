import { crx } from '@crxjs/vite-plugin';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';
import manifest from './manifest.config.ts';

export default defineConfig({
  publicDir: 'extension/public',
  plugins: [
    preact(),
    crx({
      manifest,
      // Injected on demand with executeScript: a standalone file, so its listener exists when
      // executeScript resolves (crxjs's default loader would import() it later).
      contentScripts: { standaloneFiles: ['extension/content/overlay.ts'] },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'chrome116',
    // Readable stack traces for users' bug reports; no source maps shipped.
    sourcemap: false,
  },
});
