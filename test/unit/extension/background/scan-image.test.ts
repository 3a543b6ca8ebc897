import { afterEach, describe, expect, test, vi } from 'vitest';
import { handleScanSelection } from '../../../../extension/background/handle-scan-selection';
import { runPageHelper } from '../../../../extension/background/run-page-helper';
import { scanImage } from '../../../../extension/background/scan-image';

vi.mock('../../../../extension/background/run-page-helper', () => ({ runPageHelper: vi.fn() }));
vi.mock('../../../../extension/background/handle-scan-selection', () => ({
  handleScanSelection: vi.fn(async () => ({ outcome: 'done' })),
}));

const tab = { id: 4, windowId: 1, url: 'https://portaal.example.nl/account' } as chrome.tabs.Tab;
const src = 'https://portaal.example.nl/qr.png';
const box = { rect: { x: 10, y: 20, width: 200, height: 200 }, viewportWidth: 1000, foreign: false };

afterEach(() => vi.clearAllMocks());

/** Whether the scan the context menu started may give the page's site to what it finds. */
async function recordsSite(located: unknown, frameId = 0, srcUrl = src): Promise<boolean | undefined> {
  vi.mocked(runPageHelper).mockResolvedValueOnce(located as never);
  await scanImage({ srcUrl, frameId }, tab);
  return vi.mocked(handleScanSelection).mock.calls[0]?.[2]?.recordSite;
}

describe("the context menu's scan of an image: whose site the code gets", () => {
  test('an image of the page itself, nothing across it: the page', async () => {
    expect(await recordsSite({ ...box, framed: false })).toBe(true);
    expect(vi.mocked(handleScanSelection).mock.calls[0]?.[0]).toMatchObject({ rect: box.rect });
  });

  test("another site's image on the page: no site; the page's own, a data: or its blob: URL: the page", async () => {
    const found = { ...box, framed: false };
    expect(await recordsSite(found, 0, 'https://other.example/2fa/qr.png')).toBe(false);
    vi.clearAllMocks();
    expect(await recordsSite(found, 0, 'https://cdn.portaal.example.nl/qr.png')).toBe(false);
    vi.clearAllMocks();
    expect(await recordsSite(found, 0, 'http://portaal.example.nl/qr.png')).toBe(false);
    vi.clearAllMocks();
    expect(await recordsSite(found, 0, 'data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    vi.clearAllMocks();
    expect(await recordsSite(found, 0, 'blob:https://portaal.example.nl/5f0c1a2b')).toBe(true);
    vi.clearAllMocks();
    expect(await recordsSite(found, 0, 'blob:https://other.example/5f0c1a2b')).toBe(false);
  });

  test('an image whose pixels came from elsewhere (a same-origin address that redirected, a service worker): no site', async () => {
    expect(await recordsSite({ ...box, framed: false, foreign: true })).toBe(false);
  });

  test('a frame across the image (SECURITY #33): no site', async () => {
    expect(await recordsSite({ ...box, framed: true })).toBe(false);
  });

  test('an image in a frame, or not found: the whole page is scanned, with no site', async () => {
    expect(await recordsSite(null)).toBe(false);
    vi.clearAllMocks();
    expect(await recordsSite({ ...box, framed: false }, 3)).toBe(false);
    expect(runPageHelper).not.toHaveBeenCalled();
  });
});
