import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';

// crxjs turns the `?script` import into the built file's path; here, a stand-in path.
vi.mock('../../../../extension/content/overlay.ts?script', () => ({
  default: 'extension/content/overlay.js',
}));
const { injectOverlay } = await import('../../../../extension/background/inject-overlay');

const executeScript = vi.fn<(injection: unknown) => Promise<unknown>>();
beforeEach(() => {
  vi.stubGlobal('chrome', { scripting: { executeScript } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  executeScript.mockReset();
});

const tab = (url: string) => ({ id: 3, url }) as chrome.tabs.Tab;

describe('starting a scan: injecting the overlay', () => {
  test('injects the built overlay file into the tab, nothing else', async () => {
    executeScript.mockResolvedValue([]);
    expect(await injectOverlay(tab('https://portaal.example/enroll'))).toEqual({ ok: true });
    expect(executeScript).toHaveBeenCalledWith({
      target: { tabId: 3 },
      files: ['extension/content/overlay.js'],
    });
  });

  test('no tab: no-tab', async () => {
    expect(await injectOverlay(undefined)).toEqual({ ok: false, reason: 'no-tab' });
    expect(executeScript).not.toHaveBeenCalled();
  });

  test.each([
    'chrome://extensions',
    'chrome-extension://abc/page.html',
    'view-source:https://portaal.example',
    'file:///home/user/qr.html',
    'https://chromewebstore.google.com/detail/x',
  ])('a page Chrome protects (%s) is refused before trying: forbidden', async (url) => {
    expect(await injectOverlay(tab(url))).toEqual({ ok: false, reason: 'forbidden' });
    expect(executeScript).not.toHaveBeenCalled();
  });

  test('a page where injection fails (the PDF viewer, an error page) is forbidden too', async () => {
    executeScript.mockRejectedValue(new Error('Cannot access contents of the page'));
    expect(await injectOverlay(tab('https://portaal.example/qr.pdf'))).toEqual({
      ok: false,
      reason: 'forbidden',
    });
  });
});
