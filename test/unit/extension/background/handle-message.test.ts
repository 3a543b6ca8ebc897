import { afterAll, beforeEach, describe, expect, test, vi } from 'vitest';

// Who may ask the worker for what (SECURITY #24, #35): the routes are stand-ins that record calls.
vi.mock('../../../../extension/background/fill-code', () => ({
  fillCode: vi.fn(async () => ({ outcome: 'filled' })),
}));
vi.mock('../../../../extension/background/chrome-fill-deps', () => ({
  chromeFillDeps: vi.fn(async () => ({})),
}));
vi.mock('../../../../extension/background/inject-overlay', () => ({
  injectOverlay: vi.fn(async () => ({ ok: true })),
}));
vi.mock('../../../../extension/background/handle-scan-selection', () => ({
  handleScanSelection: vi.fn(async () => ({ done: true })),
}));
vi.mock('../../../../extension/background/offscreen-clipboard', () => ({ chromeClipboardClear: {} }));
vi.mock('../../../../extension/background/schedule-clipboard-clear', () => ({
  scheduleClipboardClear: vi.fn(async () => ({ scheduled: true })),
}));

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const activeTab = { id: 4, url: 'https://portaal.example.nl/login/code' };
vi.stubGlobal('chrome', {
  runtime: { id: ID },
  tabs: { query: vi.fn(async () => [activeTab]) },
});
const { handleMessage } = await import('../../../../extension/background/handle-message');
const { fillCode } = await import('../../../../extension/background/fill-code');
const { injectOverlay } = await import('../../../../extension/background/inject-overlay');
const { handleScanSelection } = await import('../../../../extension/background/handle-scan-selection');
const { scheduleClipboardClear } = await import('../../../../extension/background/schedule-clipboard-clear');
afterAll(() => vi.unstubAllGlobals());
beforeEach(() => vi.clearAllMocks());

const POPUP = { id: ID, url: `chrome-extension://${ID}/extension/popup/index.html` };
const PAGE_TAB = { id: 4, url: 'https://portaal.example.nl/login/code' } as chrome.tabs.Tab;
const fill = { type: 'fill-code', accountId: 'a1', confirmed: false } as const;

describe('the worker answers each message only from the sender it is meant for', () => {
  test('the popup may fill and start a scan: the active tab is used', async () => {
    expect(await handleMessage(fill, POPUP)).toEqual({ outcome: 'filled' });
    expect(vi.mocked(fillCode).mock.calls[0]?.[0]).toBe(activeTab);
    expect(await handleMessage({ type: 'scan-start' }, POPUP)).toEqual({ ok: true });
    expect(injectOverlay).toHaveBeenCalledWith(activeTab);
  });

  test.each([
    ['a content script in a web page', { id: ID, tab: PAGE_TAB, url: PAGE_TAB.url }],
    ['an extension page opened in a tab', { id: ID, tab: PAGE_TAB, url: POPUP.url }],
    ['a sender without a url', { id: ID }],
    ['another extension', { id: 'other', url: 'chrome-extension://other/page.html' }],
    ['a look-alike url', { id: ID, url: `chrome-extension://${ID}.evil.example/` }],
  ] as const)('%s can neither fill nor start a scan', async (_who, sender) => {
    expect(await handleMessage(fill, sender)).toBeUndefined();
    expect(
      await handleMessage({ ...fill, confirmed: true, confirmedSite: activeTab.url }, sender),
    ).toBeUndefined();
    expect(await handleMessage({ type: 'scan-start' }, sender)).toBeUndefined();
    expect(fillCode).not.toHaveBeenCalled();
    expect(injectOverlay).not.toHaveBeenCalled();
  });

  test('a selection is taken only from this extension’s content script in a tab', async () => {
    const selection = {
      type: 'scan-selection',
      rect: { x: 0, y: 0, width: 10, height: 10 },
      dpr: 1,
    } as never;
    expect(await handleMessage(selection, POPUP)).toBeUndefined();
    expect(await handleMessage(selection, { id: 'other', tab: PAGE_TAB })).toBeUndefined();
    expect(handleScanSelection).not.toHaveBeenCalled();
    expect(await handleMessage(selection, { id: ID, tab: PAGE_TAB, url: PAGE_TAB.url })).toEqual({
      done: true,
    });
  });

  test('a copied code is scheduled for clearing only for this extension’s pages', async () => {
    const copied = { type: 'clipboard-copied', text: '123456' } as const;
    expect(await handleMessage(copied, { id: ID, tab: PAGE_TAB, url: PAGE_TAB.url })).toBeUndefined();
    expect(scheduleClipboardClear).not.toHaveBeenCalled();
    expect(await handleMessage(copied, POPUP)).toEqual({ scheduled: true });
  });
});
