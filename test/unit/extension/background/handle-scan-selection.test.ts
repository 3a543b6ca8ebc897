import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { handleScanSelection } from '../../../../extension/background/handle-scan-selection';
import type { LastScan } from '../../../../extension/last-scan';
import type { ScanSelectionMessage } from '../../../../extension/messages';

const MESSAGE: ScanSelectionMessage = {
  type: 'scan-selection',
  rect: { x: 10, y: 10, width: 200, height: 200 },
  viewportWidth: 1280,
};

let stored: Record<string, unknown>;
let badge: string | undefined;
const captureVisibleTab = vi.fn<(windowId: number) => Promise<string>>();

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  stored = {};
  badge = undefined;
  vi.stubGlobal('chrome', {
    tabs: { captureVisibleTab },
    storage: { session: { set: async (items: Record<string, unknown>) => Object.assign(stored, items) } },
    action: {
      setBadgeBackgroundColor: async () => undefined,
      setBadgeText: async ({ text }: { text: string }) => {
        badge = text;
      },
      openPopup: async () => undefined,
    },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  captureVisibleTab.mockReset();
});

describe('the scan handler: capture, scan, report', () => {
  test('a capture Chrome refuses is reported as capture-failed; the page hears only "failed"', async () => {
    // What Chrome says when the activeTab grant has lapsed, with a URL in it.
    captureVisibleTab.mockRejectedValue(
      new Error('Cannot access contents of url "https://portaal.example/x"'),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reply = await handleScanSelection(MESSAGE, { windowId: 7 } as chrome.tabs.Tab);
    expect(reply).toEqual({ outcome: 'failed' });
    expect(captureVisibleTab).toHaveBeenCalledWith(7, expect.anything());
    expect(stored.lastScan as LastScan).toEqual({ status: 'capture-failed', at: expect.any(Number) });
    expect(badge).toBe('!');
    // SECURITY #26: what went wrong is logged by kind, never with its text (a URL, a name).
    expect(JSON.stringify(warn.mock.calls)).not.toContain('portaal.example');
  });

  test('a message without a tab window captures nothing', async () => {
    expect(await handleScanSelection(MESSAGE, undefined)).toEqual({ outcome: 'failed' });
    expect(captureVisibleTab).not.toHaveBeenCalled();
    expect(stored).toEqual({});
  });
});
