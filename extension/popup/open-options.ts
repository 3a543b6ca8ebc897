interface OpenContext {
  readonly tabId: number;
  readonly windowId: number;
  readonly documentUrl?: string | undefined;
}

interface ChromeForOptions {
  readonly runtime?: {
    readonly id?: string;
    readonly openOptionsPage?: () => Promise<void>;
    readonly getURL?: (path: string) => string;
    readonly getManifest?: () => { readonly options_ui?: { readonly page?: string } };
    readonly getContexts?: (filter: { contextTypes: 'TAB'[] }) => Promise<readonly OpenContext[]>;
    readonly sendMessage?: (message: ShowOptionsSection) => Promise<unknown>;
  };
  readonly tabs?: {
    readonly create?: (properties: { url: string }) => Promise<unknown>;
    readonly update?: (tabId: number, properties: { active: boolean }) => Promise<unknown>;
  };
  readonly windows?: {
    readonly update?: (windowId: number, properties: { focused: boolean }) => Promise<unknown>;
  };
}

/**
 * A part of the options page a link can open it at: the id of its section, which the page
 * honours as the URL's #fragment (options-app.tsx: "lock" focuses the new passphrase's field).
 */
export type OptionsSection = 'lock';

/** Asks an options page that is already open to show `section` (use-section-requests.ts). */
export interface ShowOptionsSection {
  readonly type: 'options-section';
  readonly section: OptionsSection;
}

export function isShowOptionsSection(message: unknown): message is ShowOptionsSection {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === 'options-section' &&
    (message as { section?: unknown }).section === 'lock'
  );
}

/**
 * Opens "Instellingen" (the manifest's options_ui page, in a tab), at `section` if given; false
 * outside the extension. openOptionsPage takes no fragment, so a section is shown in the page that
 * is already open (brought forward and asked by message: no second tab), else the page's URL with
 * the section as its fragment is opened in a new tab (an extension's own page needs no permission
 * for either).
 */
export async function openOptions(section?: OptionsSection): Promise<boolean> {
  const chrome = (globalThis as { chrome?: ChromeForOptions }).chrome;
  const runtime = chrome?.runtime;
  const page = runtime?.getManifest?.().options_ui?.page;
  if (section !== undefined && page !== undefined && runtime?.getURL !== undefined && chrome?.tabs?.create) {
    const url = runtime.getURL(page);
    // The extension's pages open in tabs; the options page's URL may carry a fragment by now.
    const tabs = (await runtime.getContexts?.({ contextTypes: ['TAB'] })) ?? [];
    const open = tabs.find((context) => context.documentUrl?.split('#')[0] === url);
    if (open !== undefined && chrome.tabs.update !== undefined && runtime.sendMessage !== undefined) {
      // The message first: bringing another tab or window forward closes the toolbar popup, and
      // whatever it had not sent yet with it. The page can focus its field while in the background.
      await runtime.sendMessage({ type: 'options-section', section });
      await chrome.tabs.update(open.tabId, { active: true });
      await chrome.windows?.update?.(open.windowId, { focused: true });
      return true;
    }
    await chrome.tabs.create({ url: `${url}#${section}` });
    return true;
  }
  if (typeof runtime?.openOptionsPage !== 'function') return false;
  await runtime.openOptionsPage();
  return true;
}
