import type { Plugin } from 'vite';

/** Vite's id for the helper it wraps every dynamic import() in. */
const PRELOAD_HELPER_ID = '\0vite/preload-helper.js';

/** The helper's stand-in: runs the import as written; its list of files is always empty. */
const PLAIN_HELPER = 'export const __vitePreload = (load) => load();\n';

/**
 * Vite wraps each dynamic import() in a helper that first adds `<link rel=modulepreload>` (and
 * stylesheet) tags for the files listed beside it, then reports a failed import as a
 * `vite:preloadError` event on `window`. Here the lists are empty (vite.config.ts gives dynamic
 * imports none: the files come from the extension's own package), so the helper only cost bytes:
 * 0.6 KB gzip in the `core` file every popup opening loads (bench/popup-bench.ts: 40 KB budget).
 * And the service worker, which shares `core`, has no `window`: a failed import there surfaced as
 * "window is not defined" instead of its own error.
 *
 * This replaces the helper with one that runs the import. Should a list ever be non-empty (a
 * lazily loaded module that imports CSS), the build fails instead of that file silently not loading.
 */
export function plainDynamicImport(): Plugin {
  return {
    name: 'plain-dynamic-import',
    enforce: 'pre',
    load(id) {
      return id === PRELOAD_HELPER_ID ? { code: PLAIN_HELPER, moduleSideEffects: false } : null;
    },
    // After vite's own generateBundle, which writes the lists into the chunks.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type === 'chunk' && file.code.includes('__vite__mapDeps('))
            this.error(
              `${file.fileName}: a dynamic import() lists files to preload, which plain-dynamic-import does not load`,
            );
        }
      },
    },
  };
}
