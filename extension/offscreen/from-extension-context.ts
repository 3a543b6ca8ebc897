/** What a message listener knows of who sent a message (chrome.runtime.MessageSender, in part). */
export interface MessageSenderInfo {
  readonly id?: string | undefined;
  readonly url?: string | undefined;
  readonly tab?: unknown;
}

/**
 * Whether a message comes from this extension's own pages or worker, not from a content script:
 * runtime.sendMessage from a content script (inside a web page) reaches every extension page too,
 * the offscreen document included. Same extension id, no tab, and a URL under the extension's
 * origin (`chrome-extension://<id>/`).
 */
export function fromExtensionContext(
  sender: MessageSenderInfo,
  extensionId: string,
  origin: string,
): boolean {
  return sender.id === extensionId && sender.tab === undefined && sender.url?.startsWith(origin) === true;
}
