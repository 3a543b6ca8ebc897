import { useEffect, useState } from 'preact/hooks';
import { isShowOptionsSection, type OptionsSection } from '../../popup/open-options';

type Listener = (message: unknown, sender: { readonly id?: string; readonly url?: string }) => void;

/** The part of `chrome.runtime` this hook uses; absent in unit tests that render the page bare. */
interface RuntimeForRequests {
  readonly id?: string;
  readonly onMessage?: {
    addListener(listener: Listener): void;
    removeListener(listener: Listener): void;
  };
}

/**
 * How often this page has been asked to show `section`: once when it was opened at it
 * (`openedAt`, the URL's fragment), and once more for every request from the popup while it was
 * already open (open-options.ts). A component moves the focus each time the count changes.
 * Requests count only from this extension's own pages: a content script runs inside web pages.
 */
export function useSectionRequests(section: OptionsSection, openedAt: string): number {
  const [requests, setRequests] = useState(openedAt === section ? 1 : 0);
  useEffect(() => {
    const runtime = (globalThis as { chrome?: { runtime?: RuntimeForRequests } }).chrome?.runtime;
    const onMessage = runtime?.onMessage;
    if (onMessage === undefined) return;
    const own = `chrome-extension://${runtime?.id}/`;
    const listener: Listener = (message, sender) => {
      if (sender.id !== runtime?.id || sender.url?.startsWith(own) !== true) return;
      if (isShowOptionsSection(message) && message.section === section) setRequests((n) => n + 1);
    };
    onMessage.addListener(listener);
    return () => onMessage.removeListener(listener);
  }, [section]);
  return requests;
}
