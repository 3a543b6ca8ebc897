/**
 * The offscreen document that clears a copied code (the entry: it only wires). It lives while the
 * popup is closed, so it keeps the timer; the service worker may be stopped meanwhile.
 */
import { createClipboardClearer } from '../clipboard/clipboard-clearer';
import { execCommandClipboard } from './exec-command-clipboard';
import { isOffscreenMessage } from './offscreen-messages';

const clearer = createClipboardClearer({ clipboard: execCommandClipboard() });

chrome.runtime.onMessage.addListener((message: unknown) => {
  if (!isOffscreenMessage(message)) return false;
  if (message.type === 'clear-at') clearer.schedule(message.text, message.clearAt);
  else void clearer.clearNow();
  return false;
});
