import type { WorkerMessage, WorkerReplies } from '../messages';
import { chromeFillDeps } from './chrome-fill-deps';
import { fillCode } from './fill-code';
import { handleScanSelection } from './handle-scan-selection';
import { injectOverlay } from './inject-overlay';
import { chromeClipboardClear } from './offscreen-clipboard';
import { scheduleClipboardClear } from './schedule-clipboard-clear';

const EXTENSION_ORIGIN = `chrome-extension://${chrome.runtime.id}/`;

/**
 * Routes one message. Only extension pages may start a scan or fill a code; only a content script
 * in a tab may send a selection (and it gets nothing but done/failed back).
 */
export async function handleMessage(
  message: WorkerMessage,
  sender: chrome.runtime.MessageSender,
): Promise<WorkerReplies[WorkerMessage['type']] | undefined> {
  const fromExtensionPage = sender.tab === undefined && sender.url?.startsWith(EXTENSION_ORIGIN) === true;
  switch (message.type) {
    case 'scan-start': {
      if (!fromExtensionPage) return undefined;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return injectOverlay(tab);
    }
    case 'scan-selection':
      if (sender.tab === undefined || sender.id !== chrome.runtime.id) return undefined;
      return handleScanSelection(message, sender.tab);
    case 'fill-code': {
      if (!fromExtensionPage) return undefined;
      const [tab] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
      return fillCode(tab, message, await chromeFillDeps());
    }
    case 'clipboard-copied':
      // Any page of this extension (the popup, also opened as a tab); a content script's url is the web page's.
      if (sender.id !== chrome.runtime.id || sender.url?.startsWith(EXTENSION_ORIGIN) !== true)
        return undefined;
      return scheduleClipboardClear(message.text, chromeClipboardClear, message.copiedAt);
  }
}
