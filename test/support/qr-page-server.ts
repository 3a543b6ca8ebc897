import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PageServer {
  url(path: string): string;
  /** Serves `html` at `path`, with `headers` (e.g. a Content-Security-Policy) besides its content type. */
  set(path: string, html: string, headers?: Readonly<Record<string, string>>): void;
  close(): Promise<void>;
}

/**
 * Serves HTML pages from memory on 127.0.0.1 (port 0) for the scan tests: `set(path, html)`
 * then open `url(path)`. Closed after the tests.
 */
export async function startPageServer(): Promise<PageServer> {
  const pages = new Map<string, { html: string; headers: Readonly<Record<string, string>> }>();
  const server: Server = createServer((req, res) => {
    const page = pages.get(req.url ?? '');
    res.writeHead(page === undefined ? 404 : 200, {
      ...page?.headers,
      'content-type': 'text/html; charset=utf-8',
    });
    res.end(page?.html ?? 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    set: (path, html, headers = {}) => pages.set(path, { html, headers }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser's kept-alive connections would otherwise hold the close until it quits.
        server.closeAllConnections();
      }),
  };
}
