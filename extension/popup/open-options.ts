interface ChromeRuntime {
  readonly runtime?: { readonly openOptionsPage?: () => Promise<void> };
}

/** Opens "Importeren en exporteren" (the manifest's options_ui page, in a tab); false outside the extension. */
export async function openOptions(): Promise<boolean> {
  const runtime = (globalThis as { chrome?: ChromeRuntime }).chrome?.runtime;
  if (typeof runtime?.openOptionsPage !== 'function') return false;
  await runtime.openOptionsPage();
  return true;
}
