import { hasClipboardPermission } from '../clipboard/clipboard-permission';
import type { OffscreenMessage } from '../offscreen/offscreen-messages';
import { readSettings } from '../settings/read-settings';
import { clearOnLock } from './clear-on-lock';
import type { ClipboardClearDeps } from './schedule-clipboard-clear';

const DOCUMENT_PATH = 'extension/offscreen/clipboard.html';

/** When the vault last locked (ms), in chrome.storage.session: it outlives a worker restart, not the browser. */
const LOCKED_AT_KEY = 'clipboard.lockedAt';

async function documentOpen(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(DOCUMENT_PATH)],
  });
  return contexts.length > 0;
}

/** One creation at a time: a second createDocument while the first runs would fail. */
let creating: Promise<void> | undefined;

async function openDocument(): Promise<void> {
  if (await documentOpen()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: DOCUMENT_PATH,
      reasons: [chrome.offscreen.Reason.CLIPBOARD],
      justification: 'Clear a copied one-time code from the clipboard if it still holds it.',
    })
    .finally(() => {
      creating = undefined;
    });
  await creating;
}

/**
 * The worker's side of clearing: the offscreen document keeps the timer (it lives on when the popup
 * closes and while this worker is stopped). It stays open once made; it holds a code only until
 * that code's check.
 */
export const chromeClipboardClear: ClipboardClearDeps = {
  clearSeconds: async () => (await readSettings()).values.clipboardClearSeconds,
  permitted: hasClipboardPermission,
  deliver: async (message: OffscreenMessage) => {
    await openDocument();
    await chrome.runtime.sendMessage(message);
  },
  lockedAt: async () => {
    const at = (await chrome.storage.session.get(LOCKED_AT_KEY))[LOCKED_AT_KEY];
    return typeof at === 'number' ? at : undefined;
  },
};

/** The vault was locked: a copied code still on the clipboard goes now, not seconds later. */
export function clearCopiedCodeNow(): Promise<void> {
  return clearOnLock({
    markLocked: (at) => chrome.storage.session.set({ [LOCKED_AT_KEY]: at }),
    documentOpen,
    send: async (message) => {
      await chrome.runtime.sendMessage(message);
    },
  });
}
