import { afterEach, beforeEach, expect, test, vi } from 'vitest';

// crxjs turns the `?script` import into the built file's path; here, a stand-in path.
vi.mock('../../../../extension/content/page-helpers-script.ts?script', () => ({
  default: 'extension/content/page-helpers-script.js',
}));
const { runPageHelper } = await import('../../../../extension/background/run-page-helper');

const executeScript = vi.fn<(injection: { target: unknown }) => Promise<unknown>>();
beforeEach(() => {
  vi.stubGlobal('chrome', { scripting: { executeScript } });
});
afterEach(() => {
  vi.unstubAllGlobals();
  executeScript.mockReset();
});

test('the helper runs in the document its script went into, not in whatever the tab shows by then', async () => {
  executeScript
    .mockResolvedValueOnce([{ documentId: 'doc-1', frameId: 0 }])
    .mockResolvedValueOnce([{ documentId: 'doc-1', frameId: 0, result: { filled: true, fields: 1 } }]);
  expect(await runPageHelper(7, 'fillOneTimeCode', ['123456', 'https://portaal.example'])).toEqual({
    filled: true,
    fields: 1,
  });
  expect(executeScript.mock.calls.map(([injection]) => injection.target)).toEqual([
    { tabId: 7 },
    { tabId: 7, documentIds: ['doc-1'] },
  ]);
});

test('a Chrome that names no document: the tab, as before', async () => {
  executeScript.mockResolvedValueOnce([{ frameId: 0 }]).mockResolvedValueOnce([{ result: true }]);
  expect(await runPageHelper(7, 'showsForeign', [null])).toBe(true);
  expect(executeScript.mock.calls[1]?.[0].target).toEqual({ tabId: 7 });
});

test('the document gone between the two (Chrome refuses): the failure reaches the caller, nothing runs elsewhere', async () => {
  executeScript
    .mockResolvedValueOnce([{ documentId: 'doc-1', frameId: 0 }])
    .mockRejectedValueOnce(new Error('No document with id doc-1'));
  await expect(runPageHelper(7, 'fillOneTimeCode', ['123456', 'https://portaal.example'])).rejects.toThrow(
    'doc-1',
  );
  expect(executeScript).toHaveBeenCalledTimes(2);
});
