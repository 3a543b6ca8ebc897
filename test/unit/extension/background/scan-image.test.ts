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
const box = { rect: { x: 10, y: 20, width: 200, height: 200 }, viewportWidth: 1000 };

afterEach(() => vi.clearAllMocks());

/** Whether the scan the context menu started may give the page's site to what it finds. */
async function recordsSite(located: unknown, frameId = 0): Promise<boolean | undefined> {
  vi.mocked(runPageHelper).mockResolvedValueOnce(located as never);
  await scanImage({ srcUrl: src, frameId }, tab);
  return vi.mocked(handleScanSelection).mock.calls[0]?.[2]?.recordSite;
}

describe("the context menu's scan of an image: whose site the code gets", () => {
  test('an image of the page itself, nothing across it: the page', async () => {
    expect(await recordsSite({ ...box, framed: false })).toBe(true);
    expect(vi.mocked(handleScanSelection).mock.calls[0]?.[0]).toMatchObject({ rect: box.rect });
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
