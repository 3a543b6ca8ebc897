import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import QRCode from 'qrcode';

export interface PageServer {
  url(path: string): string;
  /** The same server under another origin (`localhost` instead of 127.0.0.1): another site. */
  otherOrigin(path: string): string;
  /**
   * Serves `html` at `path`, with `headers` (e.g. a Content-Security-Policy) besides its content
   * type; `content-type` replaces text/html (an image), and `location` makes it a 302 redirect.
   * With `stall`, the answer sends all but the last 12 bytes of `html` and never ends (a slow
   * network, or a server holding an image back).
   */
  set(
    path: string,
    html: string | Uint8Array,
    headers?: Readonly<Record<string, string>>,
    options?: { readonly stall?: boolean },
  ): void;
  close(): Promise<void>;
}

/**
 * Serves HTML pages from memory on 127.0.0.1 (port 0) for the scan tests: `set(path, html)`
 * then open `url(path)`. `otherOrigin(path)` is the same server as another site (`localhost`).
 * Closed after the tests.
 */
export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<
    string,
    { html: string | Uint8Array; headers: Readonly<Record<string, string>>; stall: boolean }
  >();
  const server: Server = createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    const status = page === undefined ? 404 : page.headers.location !== undefined ? 302 : 200;
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...page?.headers });
    if (page?.stall === true)
      res.write(Buffer.from(page.html).subarray(0, Math.max(0, page.html.length - 12)));
    else res.end(page?.html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    otherOrigin: (path) => `http://localhost:${port}${path}`,
    set: (path, html, headers = {}, options = {}) =>
      pages.set(path, { html, headers, stall: options.stall === true }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser's kept-alive connections would otherwise hold the close until it quits.
        server.closeAllConnections();
      }),
  };
}

/**
 * Another site's QR code of `text` behind an address of the page's own: `/<name>` on 127.0.0.1
 * redirects to a PNG on `otherOrigin` (a service worker could answer alike). Returns that path.
 */
export async function redirectedQr(pages: PageServer, name: string, text: string): Promise<string> {
  const png = await QRCode.toBuffer(text, { margin: 4, scale: 5 });
  pages.set(`/${name}.png`, png, { 'content-type': 'image/png' });
  pages.set(`/${name}`, '', { location: pages.otherOrigin(`/${name}.png`) });
  return `/${name}`;
}
