import { hasClipboardPermission } from '../clipboard/clipboard-permission';
import { OFFSCREEN_TARGET, type OffscreenMessage } from '../offscreen/offscreen-messages';
import { readSettings } from '../settings/read-settings';
import type { ClipboardClearDeps } from './schedule-clipboard-clear';

const DOCUMENT_PATH = 'extension/offscreen/clipboard.html';

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
};

/** The vault was locked: a copied code still on the clipboard goes now, not seconds later. */
export async function clearCopiedCodeNow(): Promise<void> {
  if (!(await documentOpen())) return;
  await chrome.runtime.sendMessage({
    target: OFFSCREEN_TARGET,
    type: 'clear-now',
  } satisfies OffscreenMessage);
}
