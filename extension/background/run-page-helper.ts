import pageHelpersScript from '../content/page-helpers-script.ts?script';
import { PAGE_HELPERS_KEY, type PageHelpers } from '../page-helpers';

type HelperName = keyof PageHelpers;

/**
 * Runs one of the page helpers (extension/page-helpers.ts) in the tab's top frame: injects the
 * helpers' script (activeTab allows it; injecting again is harmless), then calls the helper in the
 * same isolated world, of the same document. Throws when Chrome refuses the page (a protected
 * page, a lapsed grant, a document gone).
 */
export async function runPageHelper<K extends HelperName>(
  tabId: number,
  name: K,
  args: Parameters<PageHelpers[K]>,
): Promise<Awaited<ReturnType<PageHelpers[K]>>> {
  const [injected] = await chrome.scripting.executeScript({ target: { tabId }, files: [pageHelpersScript] });
  // The helper runs in the document the script went into: if the tab loaded another one in
  // between, Chrome refuses (it throws) rather than run the helper there without its script.
  const { documentId } = injected ?? {};
  const [injection] = await chrome.scripting.executeScript({
    target: documentId === undefined ? { tabId } : { tabId, documentIds: [documentId] },
    // Serialised into the page: it may use only its arguments and the isolated world's globals.
    func: (key: string, helper: string, helperArgs: unknown[]) => {
      const helpers = (globalThis as unknown as Record<symbol, Record<string, (...a: unknown[]) => unknown>>)[
        Symbol.for(key)
      ];
      return helpers?.[helper]?.(...helperArgs);
    },
    args: [PAGE_HELPERS_KEY, name, args as unknown[]],
  });
  return injection?.result as Awaited<ReturnType<PageHelpers[K]>>;
}
