/**
 * The offscreen document that clears a copied code (the entry: it only wires). It lives while the
 * popup is closed, so it keeps the timer; the service worker may be stopped meanwhile.
 */
import { createClipboardClearer } from '../clipboard/clipboard-clearer';
import { execCommandClipboard } from './exec-command-clipboard';
import { fromExtensionContext } from './from-extension-context';
import { isOffscreenMessage } from './offscreen-messages';

const clearer = createClipboardClearer({ clipboard: execCommandClipboard() });

const origin = chrome.runtime.getURL('');

// Only the worker may schedule or clear: a content script's forged 'clear-at' would replace the
// pending clear and leave a copied code on the clipboard (the attacker review).
chrome.runtime.onMessage.addListener((message: unknown, sender) => {
  if (!isOffscreenMessage(message) || !fromExtensionContext(sender, chrome.runtime.id, origin)) return false;
  if (message.type === 'clear-at') clearer.schedule(message.text, message.clearAt);
  else void clearer.clearNow();
  return false;
});
