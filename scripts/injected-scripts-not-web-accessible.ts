import type { CrxPlugin } from '@crxjs/vite-plugin';

/**
 * crxjs declares every `?script` import web-accessible to all http(s) pages, for content scripts
 * that load their modules by URL. A standalone (IIFE) file injected with
 * chrome.scripting.executeScript({ files }) needs no such entry, and with the id pinned by the
 * manifest key any page could load it to detect the extension (issue 9, finding #8). This removes
 * those files from the emitted manifest, and the entries left empty; crxjs 3.0 has no option for it.
 * @param files output paths as the manifest names them, e.g. 'extension/content/overlay.js'
 */
export function injectedScriptsNotWebAccessible(files: readonly string[]): CrxPlugin {
  return {
    name: 'injected-scripts-not-web-accessible',
    enforce: 'post',
    renderCrxManifest(manifest) {
      const entries = (manifest.web_accessible_resources ?? [])
        .map((entry) => ({ ...entry, resources: entry.resources.filter((r) => !files.includes(r)) }))
        .filter((entry) => entry.resources.length > 0);
      if (entries.length > 0) manifest.web_accessible_resources = entries;
      else delete manifest.web_accessible_resources;
      return manifest;
    },
  };
}
