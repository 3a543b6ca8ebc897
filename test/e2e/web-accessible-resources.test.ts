/**
 * Issue 9, finding #8 (SECURITY #33): a web page must not be able to tell the extension is
 * installed. Its id is fixed by the manifest key, so any file a page may load from
 * chrome-extension://<id>/ identifies it. The overlay is injected with executeScript({ files }),
 * which needs no web-accessible entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DIST } from '../support/extension-browser';
import { useScanBrowser } from '../support/scan-browser';

interface WebAccessibleEntry {
  readonly resources?: readonly string[];
  readonly matches?: readonly string[];
  readonly extension_ids?: readonly string[];
}

const browser = useScanBrowser();

test('the built manifest declares nothing web-accessible to web pages', () => {
  const manifest = JSON.parse(readFileSync(join(DIST, 'manifest.json'), 'utf8')) as {
    web_accessible_resources?: readonly WebAccessibleEntry[];
  };
  const reachable = (manifest.web_accessible_resources ?? []).filter((entry) => entry.matches !== undefined);
  expect(reachable).toEqual([]);
});

test("a web page cannot load the extension's files, so it cannot detect the extension", async () => {
  const { eb, pages } = browser;
  pages.set('/probe', '<!doctype html><title>probe</title><body>probe</body>');
  const page = await eb.browser.newPage();
  try {
    await page.goto(pages.url('/probe'));
    const base = `chrome-extension://${eb.extensionId}/`;
    // The files a fingerprinting script would try: the injected overlay first, then anything else.
    const paths = ['extension/content/overlay.js', 'manifest.json', 'extension/icons/icon-16.png'];
    const results = await page.evaluate(
      async (root: string, files: string[]) => {
        const viaFetch = (url: string) =>
          fetch(url).then(
            (response) => `fetch ${response.status}`,
            () => 'fetch blocked',
          );
        const viaScript = (url: string) =>
          new Promise<string>((resolve) => {
            const script = document.createElement('script');
            script.src = url;
            script.onload = () => resolve('script loaded');
            script.onerror = () => resolve('script blocked');
            document.head.append(script);
          });
        return Promise.all(
          files.map(async (file) => ({
            file,
            fetch: await viaFetch(root + file),
            script: await viaScript(root + file),
          })),
        );
      },
      base,
      paths,
    );
    expect(results).toEqual(
      paths.map((file) => ({ file, fetch: 'fetch blocked', script: 'script blocked' })),
    );
  } finally {
    await page.close();
  }
});
