import { afterAll, beforeAll } from 'vitest';
import { type ExtensionBrowser, type LaunchOptions, launchWithExtension } from './extension-browser';
import { type PageServer, startPageServer } from './qr-page-server';

export interface ScanBrowser {
  readonly eb: ExtensionBrowser;
  readonly pages: PageServer;
}

/**
 * A test file's browser with the built extension and its page server: started before the file's
 * tests, closed after them. Read `eb` and `pages` inside tests and hooks (they exist from then on).
 */
export function useScanBrowser(options: LaunchOptions = {}): ScanBrowser {
  let eb: ExtensionBrowser | undefined;
  let pages: PageServer | undefined;
  beforeAll(async () => {
    pages = await startPageServer();
    eb = await launchWithExtension(options);
  });
  afterAll(async () => {
    await eb?.close();
    await pages?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useScanBrowser: read eb and pages inside tests and hooks');
    return value;
  };
  return {
    get eb() {
      return started(eb);
    },
    get pages() {
      return started(pages);
    },
  };
}
