import type { Plugin } from 'vite';

/**
 * Adds `<link rel="modulepreload">` for the chunks that a page's entry script imports dynamically
 * at once, so the browser fetches and compiles them while it parses the page, as it does for the
 * static ones. The popup's entry (extension/popup/main.ts) starts opening the vault first and
 * imports the interface dynamically; without this the interface would be requested only then.
 * @param page the page's path in the build, e.g. 'extension/popup/index.html'
 */
export function preloadEntryImports(page: string): Plugin {
  return {
    name: 'preload-entry-imports',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { path, bundle, chunk }) {
        if (path !== `/${page}` || bundle === undefined || chunk === undefined) return undefined;
        const files = new Set<string>();
        const add = (name: string) => {
          const imported = bundle[name];
          if (files.has(name) || imported?.type !== 'chunk') return;
          files.add(name);
          imported.imports.forEach(add);
        };
        chunk.dynamicImports.forEach(add);
        for (const name of chunk.imports) files.delete(name); // vite preloads those already
        return [...files].map((file) => ({
          tag: 'link',
          attrs: { rel: 'modulepreload', crossorigin: true, href: `/${file}` },
          injectTo: 'head' as const,
        }));
      },
    },
  };
}
