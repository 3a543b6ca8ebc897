interface ChromeForOptions {
  readonly runtime?: {
    readonly openOptionsPage?: () => Promise<void>;
    readonly getURL?: (path: string) => string;
    readonly getManifest?: () => { readonly options_ui?: { readonly page?: string } };
  };
  readonly tabs?: { readonly create?: (properties: { url: string }) => Promise<unknown> };
}

/**
 * A part of the options page a link can open it at: the id of its section, which the page
 * honours as the URL's #fragment (options-app.tsx: "lock" focuses the new passphrase's field).
 */
export type OptionsSection = 'lock';

/**
 * Opens "Instellingen" (the manifest's options_ui page, in a tab), at `section` if given; false
 * outside the extension. openOptionsPage takes no fragment, so a section opens the page's URL in
 * a new tab (an extension's own page needs no permission for that).
 */
export async function openOptions(section?: OptionsSection): Promise<boolean> {
  const chrome = (globalThis as { chrome?: ChromeForOptions }).chrome;
  const runtime = chrome?.runtime;
  const page = runtime?.getManifest?.().options_ui?.page;
  if (section !== undefined && page !== undefined && runtime?.getURL !== undefined && chrome?.tabs?.create) {
    await chrome.tabs.create({ url: runtime.getURL(`${page}#${section}`) });
    return true;
  }
  if (typeof runtime?.openOptionsPage !== 'function') return false;
  await runtime.openOptionsPage();
  return true;
}
