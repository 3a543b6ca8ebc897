import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { captureVisibleTab as captureModule } from '../../../../extension/background/capture-visible-tab';
import { handleScanSelection } from '../../../../extension/background/handle-scan-selection';
import type { Capture } from '../../../../extension/capture/pixels';
import type { LastScan } from '../../../../extension/last-scan';
import type { ScanSelectionMessage } from '../../../../extension/messages';
import { openVault } from '../../../../extension/vault';
import { cropPixels, placeOn, qrPixels } from '../../../support/qr-pixels';

// The real capture (createImageBitmap, OffscreenCanvas) needs a browser: the tests above let it
// fail through chrome.tabs; the tests below hand the scan captured pixels directly.
vi.mock('../../../../extension/background/capture-visible-tab', async (original) => {
  const real = await original<typeof import('../../../../extension/background/capture-visible-tab')>();
  return { ...real, captureVisibleTab: vi.fn(real.captureVisibleTab) };
});

const MESSAGE: ScanSelectionMessage = {
  type: 'scan-selection',
  rect: { x: 10, y: 10, width: 200, height: 200 },
  viewportWidth: 1280,
};

let stored: Record<string, unknown>;
let badge: string | undefined;
const captureVisibleTab = vi.fn<(windowId: number) => Promise<string>>();
/** What each tab shows now, as chrome.tabs.get reports it (the page can change under a scan). */
let tabsNow: Map<number, chrome.tabs.Tab>;
/** What the page helper answers after a capture: whether the page embeds a frame now. */
let framesNow: boolean | 'refused';
let nextTabId = 1;
/** A tab the user acted on, still showing that page. */
function shown(tab: Partial<chrome.tabs.Tab> & { windowId: number }): chrome.tabs.Tab {
  const full = { id: nextTabId++, active: true, ...tab } as chrome.tabs.Tab;
  tabsNow.set(full.id ?? -1, { ...full });
  return full;
}

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  stored = {};
  badge = undefined;
  tabsNow = new Map();
  framesNow = false;
  vi.stubGlobal('chrome', {
    scripting: {
      // The page helpers: the script file first, then the call (run-page-helper.ts).
      executeScript: async (injection: { files?: string[] }) => {
        if (framesNow === 'refused') throw new Error('Cannot access contents of the page');
        return injection.files ? [] : [{ result: framesNow }];
      },
    },
    tabs: {
      captureVisibleTab,
      get: async (id: number) => {
        const tab = tabsNow.get(id);
        if (tab === undefined) throw new Error(`No tab with id: ${id}.`);
        return tab;
      },
    },
    storage: {
      session: {
        get: async () => ({}),
        set: async (items: Record<string, unknown>) => Object.assign(stored, items),
      },
    },
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
  vi.mocked(captureModule).mockClear();
});

describe('the scan handler: capture, scan, report', () => {
  test('a capture Chrome refuses is reported as capture-failed; the page hears only "failed"', async () => {
    // What Chrome says when the activeTab grant has lapsed, with a URL in it.
    captureVisibleTab.mockRejectedValue(
      new Error('Cannot access contents of url "https://portaal.example/x"'),
    );
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const reply = await handleScanSelection(MESSAGE, shown({ windowId: 7 }));
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

describe('a stale frame (issue 9, finding #9: the capture starts while the overlay is up)', () => {
  const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
  const URI = `otpauth://totp/Demo%20Portaal:demo?secret=${SECRET}&issuer=Demo%20Portaal`;
  const blank = (): Capture => {
    const data = new Uint8ClampedArray(400 * 400 * 4).fill(240);
    return { width: 400, height: 400, pixels: () => ({ data, width: 400, height: 400 }) };
  };
  const withCode = (): Capture => {
    const page = placeOn(qrPixels(URI, { moduleSize: 4 }), 400, 400, 20, 20);
    return {
      width: 400,
      height: 400,
      pixels: (region = { x: 0, y: 0, width: 400, height: 400 }) =>
        cropPixels(page, region.x, region.y, region.width, region.height),
    };
  };
  const message: ScanSelectionMessage = {
    type: 'scan-selection',
    rect: { x: 0, y: 0, width: 400, height: 400 },
    viewportWidth: 400,
  };

  test('a first capture without the code is taken once more: the second one is stored', async () => {
    vi.mocked(captureModule).mockResolvedValueOnce(blank()).mockResolvedValueOnce(withCode());
    expect(await handleScanSelection(message, shown({ windowId: 1 }))).toEqual({
      outcome: 'done',
    });
    expect(vi.mocked(captureModule)).toHaveBeenCalledTimes(2);
    expect((stored.lastScan as LastScan).status).toBe('added');
  });

  test('a selection that really holds no code is looked at twice, then said to hold none', async () => {
    vi.mocked(captureModule).mockResolvedValueOnce(blank()).mockResolvedValueOnce(blank());
    // The page's toast says so too: no code, not a failure it cannot explain.
    expect(await handleScanSelection(message, shown({ windowId: 1 }))).toEqual({
      outcome: 'no-code',
    });
    expect(vi.mocked(captureModule)).toHaveBeenCalledTimes(2);
    expect((stored.lastScan as LastScan).status).toBe('no-qr');
  });

  describe('a code found only outside the selection', () => {
    const at = (x: number, y: number): Capture => {
      // 147 px square: at (4, 4) wholly outside the corner selected below, at (220, 220) inside it.
      const page = placeOn(qrPixels(URI, { moduleSize: 3 }), 400, 400, x, y);
      return {
        width: 400,
        height: 400,
        pixels: (region = { x: 0, y: 0, width: 400, height: 400 }) =>
          cropPixels(page, region.x, region.y, region.width, region.height),
      };
    };
    const corner: ScanSelectionMessage = { ...message, rect: { x: 200, y: 200, width: 200, height: 200 } };
    let tab: chrome.tabs.Tab;
    beforeEach(() => {
      tab = shown({ windowId: 1, url: 'https://portaal.example.nl/account' });
    });
    const storedOrigins = async () => {
      const vault = await openVault();
      try {
        return (await vault.list()).accounts.map((a) => a.origins);
      } finally {
        vault.close();
      }
    };

    test('is looked at once more: found in the selection then, it is stored with the page as its site', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(4, 4)).mockResolvedValueOnce(at(220, 220));
      expect(await handleScanSelection(corner, tab)).toEqual({ outcome: 'done' });
      expect(vi.mocked(captureModule)).toHaveBeenCalledTimes(2);
      expect(stored.lastScan as LastScan).toMatchObject({ status: 'added', foundOutsideSelection: false });
      expect(await storedOrigins()).toEqual([['https://portaal.example.nl']]);
    });

    test('an image the top frame does not show (the context menu on a frame) is stored without the page as its site', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(220, 220));
      const whole: ScanSelectionMessage = { ...message, rect: null };
      expect(await handleScanSelection(whole, tab, { recordSite: false })).toEqual({ outcome: 'done' });
      expect(await storedOrigins()).toEqual([undefined]);
    });

    test('a frame lies across the selection (the overlay says so): stored without the page as its site', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(220, 220));
      expect(await handleScanSelection({ ...corner, framed: true }, tab)).toEqual({ outcome: 'done' });
      expect(await storedOrigins()).toEqual([undefined]);
    });

    test('a frame the page brought in as the user let go (found only after the capture): stored without the page as its site', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(220, 220));
      framesNow = true;
      expect(await handleScanSelection(corner, tab)).toEqual({ outcome: 'done' });
      expect(await storedOrigins()).toEqual([undefined]);
    });

    test('a frame that appears only by the second capture withdraws the site too', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(4, 4)).mockResolvedValueOnce(at(220, 220));
      let asked = 0;
      vi.mocked(chrome.scripting).executeScript = (async (injection: { files?: string[] }) => {
        if (injection.files) return [];
        asked++;
        return [{ result: asked >= 2 }];
      }) as never;
      expect(await handleScanSelection(corner, tab)).toEqual({ outcome: 'done' });
      expect(await storedOrigins()).toEqual([undefined]);
    });

    test('a page that cannot be asked after the capture counts as one with a frame', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(220, 220));
      framesNow = 'refused';
      expect(await handleScanSelection(corner, tab)).toEqual({ outcome: 'done' });
      expect(await storedOrigins()).toEqual([undefined]);
    });

    test('still outside the second time: added, said to be outside, and without the page as its site', async () => {
      vi.mocked(captureModule).mockResolvedValueOnce(at(4, 4)).mockResolvedValueOnce(at(4, 4));
      expect(await handleScanSelection(corner, tab)).toEqual({ outcome: 'done' });
      expect(vi.mocked(captureModule)).toHaveBeenCalledTimes(2);
      expect(stored.lastScan as LastScan).toMatchObject({ status: 'added', foundOutsideSelection: true });
      expect(await storedOrigins()).toEqual([undefined]);
    });
  });

  describe('the page changed between the action and the capture', () => {
    const portal = 'https://portaal.example.nl/account/authenticator';
    const storedCount = async () => {
      const vault = await openVault();
      try {
        return (await vault.list()).accounts.length;
      } finally {
        vault.close();
      }
    };
    /** The capture happens; meanwhile the tab now shows `change`. */
    const captureWhile = (tab: chrome.tabs.Tab, change: Partial<chrome.tabs.Tab>) =>
      vi.mocked(captureModule).mockImplementationOnce(async () => {
        tabsNow.set(tab.id ?? -1, { ...tab, ...change });
        return withCode();
      });

    test.each([
      ['gone to another site', { url: 'https://portaal-login.example/qr' }],
      ['another tab in front', { active: false }],
      ['the tab moved to another window', { windowId: 9 }],
    ])('%s: nothing is stored, and the page is not given the code', async (_name, change) => {
      const tab = shown({ windowId: 1, url: portal });
      captureWhile(tab, change);
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      expect(await handleScanSelection(message, tab)).toEqual({ outcome: 'failed' });
      expect((stored.lastScan as LastScan).status).toBe('capture-failed');
      expect(await storedCount()).toBe(0);
    });

    test('the tab closed meanwhile: nothing is stored', async () => {
      const tab = shown({ windowId: 1, url: portal });
      vi.mocked(captureModule).mockImplementationOnce(async () => {
        tabsNow.delete(tab.id ?? -1);
        return withCode();
      });
      vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      expect(await handleScanSelection(message, tab)).toEqual({ outcome: 'failed' });
      expect(await storedCount()).toBe(0);
    });

    test('another page of the same site (a route change in the portal) is still that site', async () => {
      const tab = shown({ windowId: 1, url: portal });
      captureWhile(tab, { url: 'https://portaal.example.nl/account/authenticator?stap=2' });
      expect(await handleScanSelection(message, tab)).toEqual({ outcome: 'done' });
      const vault = await openVault();
      try {
        expect((await vault.list()).accounts.map((a) => a.origins)).toEqual([['https://portaal.example.nl']]);
      } finally {
        vault.close();
      }
    });
  });

  test('a code found at once is not captured again', async () => {
    vi.mocked(captureModule).mockResolvedValueOnce(withCode());
    await handleScanSelection(message, shown({ windowId: 1 }));
    expect(vi.mocked(captureModule)).toHaveBeenCalledTimes(1);
  });
});
