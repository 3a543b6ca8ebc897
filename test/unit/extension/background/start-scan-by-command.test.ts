import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LastScan } from '../../../../extension/last-scan';
import type { ScanStartReply } from '../../../../extension/messages';

// The overlay injection itself needs Chrome (and the bundler's ?script import): replaced here.
const injectOverlay = vi.fn<(tab: unknown) => Promise<ScanStartReply>>();
vi.mock('../../../../extension/background/inject-overlay', () => ({ injectOverlay }));
const { startScanByCommand } = await import('../../../../extension/background/start-scan-by-command');

let stored: Record<string, unknown>;
let badge: string | undefined;

beforeEach(() => {
  stored = {};
  badge = undefined;
  vi.stubGlobal('chrome', {
    storage: { session: { set: async (items: Record<string, unknown>) => Object.assign(stored, items) } },
    action: {
      setBadgeBackgroundColor: async () => undefined,
      setBadgeText: async ({ text }: { text: string }) => {
        badge = text;
      },
      openPopup: async () => {
        throw new Error('no focused window');
      },
    },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  injectOverlay.mockReset();
});

describe('the keyboard command (Alt+Shift+S)', () => {
  it.each(['forbidden', 'no-tab'] as const)(
    'reports a scan that could not start (%s): a badge, and the reason for the popup',
    async (reason) => {
      injectOverlay.mockResolvedValue({ ok: false, reason });
      await startScanByCommand({ id: 1, url: 'chrome://extensions' } as chrome.tabs.Tab);
      expect(badge).toBe('!');
      expect(stored.lastScan as LastScan).toEqual({ status: 'not-started', reason, at: expect.any(Number) });
    },
  );

  it('reports nothing when the overlay starts: the scan reports its own outcome', async () => {
    injectOverlay.mockResolvedValue({ ok: true });
    await startScanByCommand({ id: 1, url: 'https://portaal.example' } as chrome.tabs.Tab);
    expect(stored).toEqual({});
    expect(badge).toBeUndefined();
  });
});
