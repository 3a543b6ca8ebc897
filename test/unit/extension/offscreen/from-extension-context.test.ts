import { expect, test } from 'vitest';
import { fromExtensionContext } from '../../../../extension/offscreen/from-extension-context';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

test('the offscreen document takes messages from the extension’s worker and pages only', () => {
  // The worker (what schedules and clears), and an extension page.
  expect(fromExtensionContext({ id: ID, url: `${ORIGIN}service-worker-loader.js` }, ID, ORIGIN)).toBe(true);
  expect(fromExtensionContext({ id: ID, url: `${ORIGIN}extension/popup/index.html` }, ID, ORIGIN)).toBe(true);
  // A content script of this extension inside a web page: same id, but a tab and the page's URL.
  expect(fromExtensionContext({ id: ID, url: 'https://evil.example/', tab: { id: 4 } }, ID, ORIGIN)).toBe(
    false,
  );
  // Even one that claimed an extension URL still comes with its tab.
  expect(fromExtensionContext({ id: ID, url: `${ORIGIN}x`, tab: { id: 4 } }, ID, ORIGIN)).toBe(false);
  // Another extension, or no sender information.
  expect(fromExtensionContext({ id: 'other', url: 'chrome-extension://other/' }, ID, ORIGIN)).toBe(false);
  expect(fromExtensionContext({}, ID, ORIGIN)).toBe(false);
});
