import pageHelpersScript from '../content/page-helpers-script.ts?script';
import { PAGE_HELPERS_KEY, type PageHelpers } from '../page-helpers';

type HelperName = keyof PageHelpers;

/**
 * Runs one of the page helpers (extension/page-helpers.ts) in the tab's top frame: injects the
 * helpers' script (activeTab allows it; injecting again is harmless), then calls the helper in the
 * same isolated world. Throws when Chrome refuses the page (a protected page, a lapsed grant).
 */
export async function runPageHelper<K extends HelperName>(
  tabId: number,
  name: K,
  args: Parameters<PageHelpers[K]>,
): Promise<Awaited<ReturnType<PageHelpers[K]>>> {
  await chrome.scripting.executeScript({ target: { tabId }, files: [pageHelpersScript] });
  const [injection] = await chrome.scripting.executeScript({
    target: { tabId },
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
